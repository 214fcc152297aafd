// Calls a tool with an onprogress callback. Prints {"progress": [...notifications...], "result": ...}.
import { args, connect, emit, run } from './lib.mjs';

run(async () => {
    const { client } = await connect();
    const progress = [];
    const result = await client.callTool({ name: args[0], arguments: {} }, undefined, {
        onprogress: p => progress.push(p), timeout: 20_000
    });
    emit({ progress, result });
    await client.close();
});
