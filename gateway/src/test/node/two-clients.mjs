// Two clients, two sessions, each calling a progress tool; the second call starts once the first has reported
// progress, so both are in flight at once. The SDK uses the request id as the progress token, and both calls are the
// first request after initialize: the two tokens are equal. args: the first client's tool, the second's.
// Prints {"clients": [{name, tool, token, progress: [...], result, started, firstProgress, finished}, ...]}.
import { args, connect, emit, recordingFetch, run, Signal } from './lib.mjs';

async function one(name, tool) {
    const recorder = recordingFetch();
    const { client } = await connect({ name, fetch: recorder.fetch });
    const progressed = new Signal();
    const state = { name, tool, token: null, progress: [], result: null, started: null, firstProgress: null,
        finished: null };
    return {
        client, state,
        progressed: () => progressed.until(() => state.firstProgress !== null, 10_000, `${name}'s first progress`),
        async call() {
            state.started = performance.now();
            state.result = await client.callTool({ name: tool, arguments: {} }, undefined, {
                timeout: 20_000,
                onprogress: p => {
                    state.firstProgress ??= performance.now();
                    state.progress.push(p);
                    progressed.bump();
                }
            });
            state.finished = performance.now();
            const sent = recorder.requests.find(r => r.body?.method === 'tools/call');
            state.token = sent?.body?.params?._meta?.progressToken ?? null;
        }
    };
}

run(async () => {
    const [toolA, toolB] = args;
    const a = await one('client-a', toolA);
    const b = await one('client-b', toolB);
    const callA = a.call();
    await a.progressed();
    await Promise.all([callA, b.call()]);
    emit({ clients: [a.state, b.state] });
    await a.client.close();
    await b.client.close();
});
