// Aborts a call of a tool that never answers, once the test says the call reached its server; then, once the test
// says the server saw the cancellation, calls another tool on the same session.
// Prints {"aborted": {...}}, {"after": result}.
import { args, ask, connect, emit, run, withTimeout } from './lib.mjs';

run(async () => {
    const [stuck, echo, reason] = args;
    const { client } = await connect();
    const abort = new AbortController();
    const call = client.callTool({ name: stuck, arguments: {} }, undefined, { signal: abort.signal, timeout: 30_000 })
        .then(result => ({ result }), e => ({ rejected: String(e?.message ?? e), code: e?.code ?? null }));
    await ask('call-reached-server');
    abort.abort(reason);
    emit({ aborted: await withTimeout(call, 5_000, 'the aborted call to settle') });
    await ask('server-saw-cancel');
    emit({ after: await withTimeout(client.callTool({ name: echo, arguments: { after: 'cancel' } }), 10_000,
        'a call after the cancelled one') });
    await client.close();
});
