// Calls a progress tool and cuts the connection of the call's SSE stream after a number of progress notifications;
// the SDK resumes the stream on its own (GET with Last-Event-ID). args: tool, mode, cut after n notifications.
// mode 'drop': the connection is closed for real and the SDK resumes at once.
// mode 'tap': the SDK sees a broken connection while the script goes on reading it to the end, so it knows exactly
//             what the SDK missed; the SDK's resuming GET goes out once the gateway has ended that stream.
// Prints {"progress": [...], "result": ..., "connections": [...]}.
import { args, connect, emit, recordingFetch, run } from './lib.mjs';

run(async () => {
    const [tool, mode, cutAfterText] = args;
    const cutAfter = Number(cutAfterText);
    let call; // the connection that carries the call's stream
    const recorder = recordingFetch({
        beforeResume: async () => {
            if (mode === 'tap') {
                await recorder.changed.until(() => call?.ended, 10_000, 'the gateway to end the cut stream');
            }
        }
    });
    const { client } = await connect({
        fetch: recorder.fetch,
        reconnectionOptions: { initialReconnectionDelay: 10, maxReconnectionDelay: 100, reconnectionDelayGrowFactor: 1,
            maxRetries: 3 }
    });
    const progress = [];
    const result = await client.callTool({ name: tool, arguments: {} }, undefined, {
        timeout: 10_000,
        onprogress: p => {
            progress.push(p);
            if (progress.length === cutAfter) {
                call = recorder.connections.find(c => c.method === 'POST' && c.request?.method === 'tools/call');
                call.cutOff(mode);
            }
        }
    });
    emit({ progress, result, connections: recorder.connections.map(c => c.report()) });
    await client.close();
});
