// Two clients, two sessions, each declaring sampling and calling a tool that makes its server ask for a sampling.
// Each client's handler waits, before it answers, until the other client's handler has been asked: both requests
// are outstanding at once. Each answers with its own text and model, so an answer given to the wrong call shows.
// args: the first client's tool and prompt, the second's, and the second client's gateway URL (by default the
// script's URL; /sse for the legacy transport).
// Prints {"clients": [{name, transport, tool, prompt, asked: [{text, requestId}], answer, result, askedAt,
// answeredAt}, ...]}.
import { args, connect, emit, isLegacySse, run, sdk, Signal, url } from './lib.mjs';

const { CreateMessageRequestSchema } = await sdk('types.js');

const changed = new Signal();

async function sampler(name, to, tool, prompt, other) {
    const state = { name, transport: isLegacySse(to) ? 'sse' : 'streamable-http', tool, prompt, asked: [],
        answer: `answered by ${name}`, result: null, askedAt: null, answeredAt: null };
    const { client } = await connect({
        name, to,
        capabilities: { sampling: {} },
        prepare: c => c.setRequestHandler(CreateMessageRequestSchema, async (request, extra) => {
            state.asked.push({ text: request.params.messages?.[0]?.content?.text ?? null,
                requestId: extra.requestId });
            state.askedAt ??= performance.now();
            changed.bump();
            await changed.until(() => other().asked.length > 0, 20_000, `${other().name}'s sampling request`);
            state.answeredAt = performance.now();
            return { role: 'assistant', content: { type: 'text', text: state.answer }, model: `${name}-model` };
        })
    });
    return {
        client, state,
        async call() {
            state.result = await client.callTool({ name: tool, arguments: { prompt, maxTokens: 16 } }, undefined,
                { timeout: 30_000 });
        }
    };
}

run(async () => {
    const [toolA, promptA, toolB, promptB, urlB] = args;
    let a;
    let b;
    a = await sampler('client-a', url, toolA, promptA, () => b.state);
    b = await sampler('client-b', urlB ? new URL(urlB) : url, toolB, promptB, () => a.state);
    await Promise.all([a.call(), b.call()]);
    emit({ clients: [a.state, b.state] });
    await a.client.close();
    await b.client.close();
});
