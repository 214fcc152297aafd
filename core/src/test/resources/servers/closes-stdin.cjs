// A stdio MCP server that stops reading: on its first tools/call it closes its stdin and stays alive without
// answering, so the client's next write fails (EPIPE) while the process is still running.
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin });
const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.method === 'initialize') {
    send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
      capabilities: { tools: {} }, serverInfo: { name: 'deaf', version: '1.0.0' } } });
  } else if (m.method === 'tools/list') {
    send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'deafen', inputSchema: { type: 'object' } }] } });
  } else if (m.method === 'ping') {
    send({ jsonrpc: '2.0', id: m.id, result: {} });
  } else if (m.method === 'tools/call') {
    rl.close();
    process.stdin.destroy();
    require('fs').closeSync(0); // destroy() alone leaves fd 0 open: Node never closes its stdio
    setInterval(() => {}, 1000);
  }
});
