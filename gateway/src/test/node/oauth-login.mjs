// Logs in by itself: the client starts without a token, and the SDK's own OAuth support follows the gateway's 401
// (resource_metadata), reads its Protected Resource Metadata and the issuer's metadata, gets a token with the client
// credentials grant for the resource the metadata names, and retries. args: client id, client secret, scope, tool.
// Prints {"tools": [names]}, {"result": call result}, {"token": {scope, token_type}} (never the token itself).
import { args, emit, run, sdk, url } from './lib.mjs';

const { Client } = await sdk('client/index.js');
const { StreamableHTTPClientTransport } = await sdk('client/streamableHttp.js');
const { ClientCredentialsProvider } = await sdk('client/auth-extensions.js');

run(async () => {
    const [clientId, clientSecret, scope, tool] = args;
    const authProvider = new ClientCredentialsProvider({ clientId, clientSecret, scope });
    const client = new Client({ name: 'switchboard-ts-oauth', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { authProvider }));
    emit({ tools: (await client.listTools()).tools.map(t => t.name) });
    emit({ result: await client.callTool({ name: tool, arguments: {} }) });
    const tokens = authProvider.tokens();
    emit({ token: { scope: tokens?.scope, token_type: tokens?.token_type } });
    await client.close();
});
