// Load driver for MCP endpoints: sends tools/call of an echo tool with unique JSON-RPC ids over raw HTTP keep-alive
// connections (undici's Pool: about a quarter less CPU per request than node:http, so the driver takes less of the
// machine from the target), or over a stdio pipe to a server process, and reports calls/s, p50 and p99.
// Used by run.mjs; runnable alone:
//   node driver.mjs load --url http://127.0.0.1:7700/mcp --proto streamable --concurrency 8 --sessions 1 --seconds 5
//   node driver.mjs idle --url http://127.0.0.1:7700/mcp --sessions 1000     (holds them until stdin closes)
// Protocols: streamable (MCP Streamable HTTP: initialize, Mcp-Session-Id, answers as JSON or SSE), sse (legacy
// HTTP+SSE: GET stream, POST /messages?sessionId=..., answers on the stream), stdio (--cmd JSON array: spawned here),
// rest (the gateway's REST API: --url http://127.0.0.1:7700/api/v1 [--token T]).
import http from 'node:http';
import { Pool } from 'undici';
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const PROTOCOL_VERSION = '2025-06-18';
const CLIENT_INFO = { name: 'switchboard-bench', version: '1.0.0' };
let nextId = 1; // one counter for everything this process sends: ids are unique across sessions too

/** One MCP session over Streamable HTTP. */
class StreamableSession {
  constructor(url, pool) {
    this.url = new URL(url);
    this.pool = pool;
    this.sessionId = null;
  }

  async open() {
    const init = await this.rpc('initialize', {
      protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO,
    });
    if (init.error) throw new Error(`initialize failed: ${JSON.stringify(init.error)}`);
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return this;
  }

  rpc(method, params) {
    const id = nextId++;
    return this.post({ jsonrpc: '2.0', id, method, params }).then(({ body, type }) => {
      const msg = findAnswer(body, type, id);
      if (!msg) throw new Error(`no answer to ${method} id ${id} in: ${body.slice(0, 300)}`);
      return msg;
    });
  }

  async post(message) {
    const payload = JSON.stringify(message);
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    };
    if (this.sessionId) {
      headers['mcp-session-id'] = this.sessionId;
      headers['mcp-protocol-version'] = PROTOCOL_VERSION;
    }
    const res = await this.pool.request({ path: this.url.pathname, method: 'POST', headers, body: payload });
    const sid = res.headers['mcp-session-id'];
    if (sid && !this.sessionId) this.sessionId = sid;
    const body = await res.body.text();
    if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode}: ${body.slice(0, 300)}`);
    return { body, type: res.headers['content-type'] || '' };
  }

  /** Opens the session's GET stream and keeps it open (idle mode); resolves once the headers arrived. */
  openGetStream(agent) {
    return new Promise((resolve, reject) => {
      const req = http.request(this.url, {
        method: 'GET', agent,
        headers: { accept: 'text/event-stream', 'mcp-session-id': this.sessionId,
          'mcp-protocol-version': PROTOCOL_VERSION },
      }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET stream: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        res.on('data', () => {});
        res.on('error', () => {});
        this.getStream = req;
        resolve();
      });
      req.on('error', reject);
      req.end();
    });
  }

  async close() {
    if (!this.sessionId) return;
    const res = await this.pool.request({ path: this.url.pathname, method: 'DELETE', headers: {
      'mcp-session-id': this.sessionId, 'mcp-protocol-version': PROTOCOL_VERSION } }).catch(() => null);
    await res?.body.dump();
  }
}

/** The JSON-RPC answer with this id in a POST's body: plain JSON, or the data of an SSE event. */
function findAnswer(body, type, id) {
  if (type.startsWith('application/json')) {
    const msg = JSON.parse(body);
    return msg.id === id ? msg : null;
  }
  for (const event of body.split(/\r?\n\r?\n/)) {
    const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart());
    if (data.length === 0 || data.join('') === '') continue;
    const msg = JSON.parse(data.join('\n'));
    if (msg.id === id && (msg.result !== undefined || msg.error !== undefined)) return msg;
  }
  return null;
}

/** Reads an SSE byte stream and calls onEvent({event, data}) for each event. */
function sseReader(onEvent) {
  let buf = '';
  return (chunk) => {
    buf += chunk.toString('utf8');
    let at;
    while ((at = buf.search(/\r?\n\r?\n/)) >= 0) {
      const raw = buf.slice(0, at);
      buf = buf.slice(at + (buf[at] === '\r' ? 4 : 2));
      let event = 'message';
      const data = [];
      for (const line of raw.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent({ event, data: data.join('\n') });
    }
  };
}

/** Answers arriving out of band (an SSE stream, a stdout pipe), matched to their requests by id. */
class Pending {
  constructor() { this.map = new Map(); }

  wait(id) { return new Promise((resolve, reject) => this.map.set(id, { resolve, reject })); }

  deliver(msg) {
    const p = msg && msg.id !== undefined ? this.map.get(msg.id) : undefined;
    if (p && (msg.result !== undefined || msg.error !== undefined)) {
      this.map.delete(msg.id);
      p.resolve(msg);
    }
  }

  failAll(error) {
    for (const p of this.map.values()) p.reject(error);
    this.map.clear();
  }
}

/** One MCP session over the legacy HTTP+SSE transport (2024-11-05): answers come on the GET stream. */
class LegacySseSession {
  constructor(url, pool) {
    this.url = new URL(url);
    this.pool = pool;
    this.pending = new Pending();
  }

  async open() {
    const streamAgent = new http.Agent({ keepAlive: false });
    this.endpoint = await new Promise((resolve, reject) => {
      const req = http.request(this.url, { method: 'GET', agent: streamAgent,
        headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`SSE stream: HTTP ${res.statusCode}`));
        res.on('data', sseReader(({ event, data }) => {
          if (event === 'endpoint') resolve(new URL(data, this.url));
          else if (event === 'message') this.pending.deliver(JSON.parse(data));
        }));
        res.on('end', () => this.pending.failAll(new Error('SSE stream ended')));
      });
      req.on('error', reject);
      req.end();
      this.stream = req;
    });
    const init = await this.rpc('initialize', {
      protocolVersion: '2024-11-05', capabilities: {}, clientInfo: CLIENT_INFO,
    });
    if (init.error) throw new Error(`initialize failed: ${JSON.stringify(init.error)}`);
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return this;
  }

  rpc(method, params) {
    const id = nextId++;
    const answer = this.pending.wait(id);
    return this.post({ jsonrpc: '2.0', id, method, params }).then(() => answer);
  }

  async post(message) {
    const res = await this.pool.request({ path: this.endpoint.pathname + this.endpoint.search, method: 'POST',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    await res.body.dump();
    if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode}`);
  }

  async close() {
    this.stream.destroy();
  }
}

/**
 * The gateway's REST API as a "session": tools/list is GET /api/v1/tools, tools/call is POST /api/v1/call with
 * the tool's name and arguments; its answers are turned into JSON-RPC-like ones for runLoad. No session state: the
 * same for 1 and for 32 "sessions". With a token, every request carries it as a bearer token.
 */
class RestSession {
  constructor(url, pool, token) {
    this.base = new URL(url).pathname.replace(/\/$/, '');
    this.pool = pool;
    this.headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) this.headers.authorization = `Bearer ${token}`;
  }

  async open() { return this; }

  async rpc(method, params) {
    const id = nextId++;
    const [path, verb, body] = method === 'tools/list' ? [`${this.base}/tools`, 'GET', undefined]
      : method === 'tools/call' ? [`${this.base}/call`, 'POST',
        JSON.stringify({ tool: params.name, arguments: params.arguments })]
        : [null];
    if (!path) throw new Error(`no REST equivalent of ${method}`);
    const res = await this.pool.request({ path, method: verb, headers: this.headers, body });
    const text = await res.body.text();
    if (res.statusCode >= 400) return { id, error: { code: res.statusCode, message: text.slice(0, 300) } };
    const answer = JSON.parse(text);
    return { id, result: method === 'tools/call' ? answer.result : answer };
  }

  async close() {}
}

/** A stdio server spawned by the driver: one session, newline-delimited JSON-RPC on its stdin and stdout. */
class StdioSession {
  constructor(cmd) {
    this.cmd = cmd;
    this.pending = new Pending();
  }

  async open() {
    this.child = spawn(this.cmd[0], this.cmd.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    this.pid = this.child.pid;
    let buf = '';
    this.child.stdout.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) this.pending.deliver(JSON.parse(line));
      }
    });
    this.child.on('exit', () => this.pending.failAll(new Error('the stdio server exited')));
    const init = await this.rpc('initialize', {
      protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO,
    });
    if (init.error) throw new Error(`initialize failed: ${JSON.stringify(init.error)}`);
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    return this;
  }

  rpc(method, params) {
    const id = nextId++;
    const answer = this.pending.wait(id);
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return answer;
  }

  async close() {
    this.child.stdin.end();
    await Promise.race([once(this.child, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
    this.child.kill('SIGKILL');
  }
}

/** Opens sessions of a target: {proto: streamable|sse|stdio, url | cmd}. */
export class Target {
  constructor({ proto, url, cmd, token }) {
    this.proto = proto;
    this.url = url;
    this.cmd = cmd;
    this.token = token;
    // One pool of keep-alive connections per target, used by whichever session sends next (as an HTTP client
    // library does); one request at a time per connection, so as many connections as requests in flight.
    this.pool = url && new Pool(new URL(url).origin, { connections: 64, pipelining: 1 });
  }

  async session() {
    if (this.proto === 'streamable') return new StreamableSession(this.url, this.pool).open();
    if (this.proto === 'sse') return new LegacySseSession(this.url, this.pool).open();
    if (this.proto === 'stdio') return new StdioSession(this.cmd).open();
    if (this.proto === 'rest') return new RestSession(this.url, this.pool, this.token).open();
    throw new Error(`unknown protocol ${this.proto}`);
  }

  /** The name under which this target offers the echo tool (gateways qualify it), waiting for it to appear. */
  async echoTool(session, timeoutMs = 60000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const list = await session.rpc('tools/list', {});
      const tool = (list.result?.tools || []).find((t) => /(^|[^a-z])echo$/.test(t.name));
      if (tool) return tool.name;
      if (Date.now() > until) throw new Error(`no echo tool: ${JSON.stringify(list).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Runs `concurrency` loops, each sending one call at a time, over `sessions` (loop i uses session i % n), for
 * `seconds`. Returns {calls, errors, seconds, latencies (microseconds, sorted)}.
 */
export async function runLoad(sessions, tool, concurrency, seconds) {
  const latencies = [];
  let errors = 0;
  let firstError = null;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let seq = 0;
  const loop = async (i) => {
    const session = sessions[i % sessions.length];
    while (process.hrtime.bigint() < end) {
      const t0 = process.hrtime.bigint();
      try {
        const answer = await session.rpc('tools/call', { name: tool, arguments: { text: `hello ${seq++}` } });
        if (answer.error || answer.result?.isError) {
          errors++;
          firstError ??= JSON.stringify(answer).slice(0, 300);
        } else {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
        }
      } catch (e) {
        errors++;
        firstError ??= String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return { calls: latencies.length, errors, firstError, seconds: elapsed, latencies, cpu: process.cpuUsage(cpu0) };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1]?.startsWith('--') ? true : argv[++i];
  }
  return out;
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  const a = args(rest);
  if (mode === 'load') {
    const target = new Target({ proto: a.proto || 'streamable', url: a.url, cmd: a.cmd && JSON.parse(a.cmd),
      token: a.token });
    const n = Number(a.sessions || 1);
    const sessions = [];
    for (let i = 0; i < n; i++) sessions.push(await target.session());
    const tool = await target.echoTool(sessions[0]);
    const r = await runLoad(sessions, tool, Number(a.concurrency || 1), Number(a.seconds || 5));
    console.log(JSON.stringify({ tool, calls: r.calls, errors: r.errors, firstError: r.firstError,
      driverCpuPerCall: (r.cpu.user + r.cpu.system) / r.calls,
      callsPerSecond: Math.round(r.calls / r.seconds), p50: percentile(r.latencies, 50),
      p99: percentile(r.latencies, 99) }));
    for (const s of sessions) await s.close();
    await target.pool?.close();
  } else if (mode === 'idle') {
    // Sessions that each hold a GET stream open, as idle clients waiting for notifications do.
    const target = new Target({ proto: 'streamable', url: a.url });
    const streams = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const n = Number(a.sessions || 1000);
    const batch = 50; // a burst of at most this many connects at once: the server's accept queue is finite
    const sessions = [];
    for (let i = 0; i < n; i += batch) {
      const opened = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => target.session()));
      await Promise.all(opened.map((s) => s.openGetStream(streams)));
      sessions.push(...opened);
    }
    console.log(JSON.stringify({ ready: sessions.length }));
    process.stdin.resume();
    await once(process.stdin, 'end');
    for (const s of sessions) s.getStream.destroy();
    for (const s of sessions) await s.close();
    await target.pool.close();
  } else {
    console.error('usage: node driver.mjs load|idle --url URL [--proto streamable|sse|stdio] [--cmd JSON]'
      + ' [--concurrency N] [--sessions N] [--seconds S]');
    process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
