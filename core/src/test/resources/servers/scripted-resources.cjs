// A small MCP server over stdio for resource tests, built on the TypeScript SDK's low-level Server so that it can
// do what the SDK's high-level servers cannot: paginate resources/list, change a resource between reads, delay or
// fail reads. Configured by environment variables (see ScriptedResourceServer.java).
const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListResourcesRequestSchema, ReadResourceRequestSchema, McpError } =
  require('@modelcontextprotocol/sdk/types.js');

const env = process.env;
const prefix = env.RS_PREFIX || 'rs://scripted';
const pageSize = Number(env.RS_PAGE_SIZE || 0);
const delayMs = Number(env.RS_READ_DELAY_MS || 0);
const failUri = env.RS_FAIL_URI || '';
let counter = 0;

const resources = [];
for (let i = 0; i < Number(env.RS_COUNT || 0); i++) {
  resources.push({ uri: `${prefix}/item/${i}`, name: `item-${i}`, mimeType: 'text/plain', text: () => `item ${i}` });
}
for (const name of (env.RS_NAMES || '').split(',').filter((n) => n.length > 0)) {
  resources.push({ uri: `${prefix}/${name}`, name, mimeType: 'application/json',
    text: () => JSON.stringify({ entity: name, from: prefix }) });
}
if (env.RS_COUNTER === '1') {
  resources.push({ uri: `${prefix}/counter`, name: 'counter', mimeType: 'text/plain',
    text: () => `read ${++counter}` });
}
if (env.RS_TEXT_BYTES) {
  const big = 'x'.repeat(Number(env.RS_TEXT_BYTES));
  resources.push({ uri: `${prefix}/big-text`, name: 'big-text', mimeType: 'text/plain', text: () => big });
}
if (env.RS_BLOB_BYTES) {
  const bytes = Buffer.alloc(Number(env.RS_BLOB_BYTES));
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
  resources.push({ uri: `${prefix}/big-blob`, name: 'big-blob', mimeType: 'application/octet-stream',
    blob: () => bytes.toString('base64') });
}

const server = new Server({ name: 'scripted-resources', version: '1.0.0' }, { capabilities: { resources: {} } });

server.setRequestHandler(ListResourcesRequestSchema, async (request) => {
  const start = Number(request.params?.cursor || 0);
  const end = pageSize > 0 ? Math.min(start + pageSize, resources.length) : resources.length;
  const page = resources.slice(start, end).map(({ uri, name, mimeType }) => ({ uri, name, mimeType }));
  return end < resources.length ? { resources: page, nextCursor: String(end) } : { resources: page };
});

server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
  const uri = request.params.uri;
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (uri === failUri) throw new McpError(-32603, `reading ${uri} failed on purpose`);
  const r = resources.find((x) => x.uri === uri);
  if (!r) throw new McpError(-32002, `no resource ${uri}`);
  const content = r.blob ? { uri, mimeType: r.mimeType, blob: r.blob() } : { uri, mimeType: r.mimeType, text: r.text() };
  return { contents: [content] };
});

server.connect(new StdioServerTransport()).catch((e) => { console.error(e); process.exit(1); });
