// A client that declares no capabilities calls one tool. args: tool, its arguments as JSON.
// Prints {"result": result}.
import { args, connect, emit, run } from './lib.mjs';

run(async () => {
    const [tool, json] = args;
    const { client } = await connect();
    emit({ result: await client.callTool({ name: tool, arguments: JSON.parse(json) }, undefined,
        { timeout: 20_000 }) });
    await client.close();
});
