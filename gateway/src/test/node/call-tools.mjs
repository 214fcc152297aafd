// Calls tools with arguments, and a tool that fails, and a tool that does not exist.
// Prints {"echo": result}, {"broken": result}, {"unknown": {code, message}}.
import { args, connect, emit, run } from './lib.mjs';

run(async () => {
    const { client } = await connect();
    const [echo, broken] = args;
    const sent = {
        city: 'Zürich', n: 3, ratio: 0.25, flag: true, none: null, nested: { list: [1, 'two', { three: 3 }] }
    };
    emit({ sent });
    emit({ echo: await client.callTool({ name: echo, arguments: sent }) });
    emit({ broken: await client.callTool({ name: broken, arguments: {} }) });
    try {
        const r = await client.callTool({ name: 'nobody__nothing', arguments: {} });
        emit({ unknown: { result: r } });
    } catch (e) {
        emit({ unknown: { code: e.code, message: e.message } });
    }
    await client.close();
});
