// Two clients, two sessions, each calling a progress tool at the same time. The SDK uses the request id as the
// progress token, and both calls are the first request after initialize: the two tokens are equal.
// Prints {"clients": [{name, tool, token, progress: [...], result, started, firstProgress, finished}, ...]}.
import { args, connect, emit, recordingFetch, run } from './lib.mjs';

async function one(name, tool) {
    const recorder = recordingFetch();
    const { client } = await connect({ name, fetch: recorder.fetch });
    return {
        name, tool, recorder, client,
        async call() {
            const progress = [];
            let firstProgress = null;
            const started = performance.now();
            const result = await client.callTool({ name: tool, arguments: {} }, undefined, {
                timeout: 20_000,
                onprogress: p => {
                    firstProgress ??= performance.now();
                    progress.push(p);
                }
            });
            const sent = recorder.requests.find(r => r.body?.method === 'tools/call');
            return { name, tool, token: sent?.body?.params?._meta?.progressToken ?? null, progress, result, started,
                firstProgress, finished: performance.now() };
        }
    };
}

run(async () => {
    const [toolA, toolB] = args;
    const a = await one('client-a', toolA);
    const b = await one('client-b', toolB);
    const clients = await Promise.all([a.call(), b.call()]);
    emit({ clients });
    await a.client.close();
    await b.client.close();
});
