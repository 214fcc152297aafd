// A client that declares the sampling and elicitation capabilities and answers both kinds of request: it calls the
// tool that makes its server ask for a sampling, then the one that makes it ask for an elicitation.
// args: sampling tool, prompt, elicitation tool.
// Prints {"sampling": {params, requestId}} and {"elicitation": {params, requestId}} (what the handlers received),
// {"sampled": result} and {"elicited": result} (the tool results), and {"answers": {sampling, elicitation}} (what the
// handlers answered).
import { args, connect, emit, run, sdk } from './lib.mjs';

const { CreateMessageRequestSchema, ElicitRequestSchema } = await sdk('types.js');

const answers = {
    sampling: { role: 'assistant', content: { type: 'text', text: 'answered by the TypeScript client' },
        model: 'ts-client-model', stopReason: 'endTurn' },
    elicitation: { action: 'accept', content: { name: 'Ada Lovelace', check: true } }
};

run(async () => {
    const [samplingTool, prompt, elicitationTool] = args;
    const { client } = await connect({
        capabilities: { sampling: {}, elicitation: {} },
        prepare: c => {
            c.setRequestHandler(CreateMessageRequestSchema, (request, extra) => {
                emit({ sampling: { params: request.params, requestId: extra.requestId } });
                return answers.sampling;
            });
            c.setRequestHandler(ElicitRequestSchema, (request, extra) => {
                emit({ elicitation: { params: request.params, requestId: extra.requestId } });
                return answers.elicitation;
            });
        }
    });
    emit({ answers });
    emit({ sampled: await client.callTool({ name: samplingTool, arguments: { prompt, maxTokens: 16 } }, undefined,
        { timeout: 20_000 }) });
    emit({ elicited: await client.callTool({ name: elicitationTool, arguments: {} }, undefined, { timeout: 20_000 }) });
    await client.close();
});
