// The gateway benchmark (docs/benchmarks.md, "Gateway"); started by run.sh, which builds and installs first.
//   node run.mjs [load] [idle] [--rounds 3] [--seconds 3] [--warmup 15]
//                [--targets direct,gateway,mcp-proxy,mcp-hub,sdk-http,gateway-c1,gateway@DIR,rest,rest-auth]
//                [--concurrency 1,8,32]
//                [--sessions-idle 1000]
// load: every target runs at once (idle while another is measured); each round measures every configuration
//       (1, 8, 32 concurrent requests; 1 and 32 sessions) on every target in turn, the order of targets rotating
//       from round to round; the table gives the median of the rounds.
// gateway@DIR is the gateway of another checkout (built), to compare a change with what came before in one run.
// report FILE...: the same table over every round of earlier runs (their raw results in bench/out/).
// idle: a fresh gateway with -Xmx256m holds N sessions, each with an open GET stream; live heap after a full GC.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Target, runLoad, percentile } from './driver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(here, 'out');
const opts = parseArgs(process.argv.slice(2));
const ROUNDS = Number(opts.rounds ?? 3);
const SECONDS = Number(opts.seconds ?? 3);
const WARM_SECONDS = 1; // before each measurement, at its own concurrency, not counted
const TARGET_WARMUP = Number(opts.warmup ?? 15); // per target after its start (JIT), not counted
const TARGETS = (opts.targets ?? 'direct,gateway,mcp-proxy,mcp-hub,sdk-http').split(',');
const CONFIGS = (opts.concurrency ?? '1,8,32').split(',').map(Number).flatMap((c) => [{ c, s: 1 }, { c, s: 32 }]);
const JAVA = process.env.BENCH_JAVA ?? 'java'; // run.sh sets it
const JCMD = path.join(path.dirname(JAVA), 'jcmd');
const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const UPSTREAM = path.join(here, 'upstream.sh');
const children = [];

fs.mkdirSync(out, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));

function parseArgs(argv) {
  const o = { modes: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[++i];
    else o.modes.push(argv[i]);
  }
  if (o.modes.length === 0) o.modes = ['load', 'idle'];
  return o;
}

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

function start(name, cmd, args, env = {}) {
  const logFile = path.join(logDir, `${name.replace(/[^\w.-]+/g, "_")}.log`);
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', fd], env: { ...process.env, ...env }, cwd: here });
  child.stdout.on('data', (d) => fs.appendFileSync(logFile, d));
  children.push(child);
  log(`started ${name} (pid ${child.pid}), log ${logFile}`);
  return child;
}

/** Resolves with the first match of `re` in the child's stdout. */
function waitForOutput(child, re, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}: ${seen.slice(-500)}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      seen += d;
      const m = seen.match(re);
      if (m) { clearTimeout(timer); resolve(m); }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ${re}: ${seen.slice(-500)}`)));
  });
}

/** Resolves once something accepts connections on the port (a server may say it starts before it listens). */
async function waitForPort(port, timeoutMs = 60000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port}`);
    await sleep(200);
  }
}

/** CPU time (microseconds) of a process and of all its descendants, from /proc/<pid>/stat. */
function processTable() {
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) * TICK_US });
    } catch { /* gone */ }
  }
  return table;
}

function cpuOf(pid) {
  const t = processTable();
  const own = t.get(pid)?.cpu ?? NaN;
  let below = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const [q, info] of t) if (info.ppid === p) { below += info.cpu; stack.push(q); }
  }
  return { own, below };
}

function gatewayConfig(name = 'gateway', gatewaySection = '') {
  const file = path.join(logDir, `${name}.yaml`);
  fs.writeFileSync(file, `servers:\n  bench:\n    command: ${UPSTREAM}\n${gatewaySection}`);
  return file;
}

async function startGateway(name, extraEnv = {}, checkout = root, config = gatewayConfig()) {
  // The distribution as users start it: the launcher at the repository root execs the JVM (same pid).
  const child = start(name, path.join(checkout, 'switchboard'),
    ['serve', config, '--listen', '127.0.0.1:0'], extraEnv);
  const [url] = await waitForOutput(child, /http:\/\/127\.0\.0\.1:\d+\/mcp/);
  return { name, proto: 'streamable', url, pid: child.pid };
}

/**
 * The gateway's REST API (POST /api/v1/call). rest-auth: with access control on, as a deployment beyond loopback
 * has it: a token (made by `switchboard token create`), a tool filter and rate limits on the token and globally,
 * so high that they never refuse, so that what differs from `rest` is the cost of checking them on every call.
 */
async function startRest(name) {
  let config = gatewayConfig();
  let token;
  if (name === 'rest-auth') {
    const made = execFileSync(path.join(root, 'switchboard'), ['token', 'create', 'bench']).toString();
    token = made.match(/^token: (\S+)$/m)[1];
    const hash = made.match(/^hash: (\S+)$/m)[1];
    config = gatewayConfig(name, `gateway:\n  tokens:\n    - name: bench\n      hash: "${hash}"\n`
      + '      servers: [bench]\n      tools: [bench__echo]\n      rate_limit: {calls: 1000000, per: 1s}\n'
      + '  rate_limit: {calls: 1000000, per: 1s}\n');
  }
  const g = await startGateway(name, {}, root, config);
  return { ...g, proto: 'rest', url: g.url.replace(/\/mcp$/, '/api/v1'), token };
}

async function startTarget(name) {
  if (name === 'direct') {
    // The driver speaks stdio to the upstream itself: no HTTP, no gateway; the floor every target adds to.
    return { name, proto: 'stdio', cmd: [UPSTREAM] };
  }
  if (name === 'gateway') return startGateway('gateway');
  if (name === 'rest' || name === 'rest-auth') return startRest(name);
  if (name.startsWith('gateway@')) {
    // The gateway of another checkout (a worktree of an older commit, built): before and after in one run.
    return startGateway(name, {}, path.resolve(name.slice('gateway@'.length)));
  }
  if (name === 'gateway-c1') {
    // The gateway with the quick JIT only, as the launcher started every command before (see ../switchboard).
    return startGateway('gateway-c1', { SWITCHBOARD_JAVA_OPTS: '-XX:TieredStopAtLevel=1' });
  }
  if (name === 'sdk-http') {
    // The same fake server serving Streamable HTTP itself (MCP Java SDK servlet transport on Jetty).
    const child = start(name, UPSTREAM, ['--http', '0']);
    const [url] = await waitForOutput(child, /http:\/\/127\.0\.0\.1:\d+\/mcp/);
    return { name, proto: 'streamable', url, pid: child.pid };
  }
  if (name === 'mcp-proxy') {
    const port = await freePort();
    const child = start(name, process.execPath, [path.join(here, 'node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs'),
      '--host', '127.0.0.1', '--port', String(port), '--server', 'stream', '--', UPSTREAM]);
    await waitForOutput(child, /starting server on port/);
    await waitForPort(port);
    return { name, proto: 'streamable', url: `http://127.0.0.1:${port}/mcp`, pid: child.pid };
  }
  if (name === 'mcp-hub') {
    const port = await freePort();
    const home = path.join(logDir, 'mcp-hub-home');
    // A fresh marketplace cache, so that mcp-hub does not fetch its registry from the network at start.
    fs.mkdirSync(path.join(home, '.mcp-hub', 'cache'), { recursive: true });
    fs.writeFileSync(path.join(home, '.mcp-hub', 'cache', 'registry.json'), JSON.stringify({
      registry: { version: 'bench', generatedAt: 0, totalServers: 1, servers: [{ id: 'none', name: 'none' }] },
      lastFetchedAt: Date.now(), serverDocumentation: {},
    }));
    const config = path.join(logDir, 'mcp-hub.json');
    fs.writeFileSync(config, JSON.stringify({ mcpServers: { bench: { command: UPSTREAM } } }));
    const child = start(name, process.execPath, ['--require', path.join(here, 'loopback.cjs'),
      path.join(here, 'node_modules/mcp-hub/dist/cli.js'), '--port', String(port), '--config', config],
    { HOME: home });
    await waitForOutput(child, /servers started successfully/);
    await waitForPort(port);
    return { name, proto: 'sse', url: `http://127.0.0.1:${port}/mcp`, pid: child.pid };
  }
  throw new Error(`unknown target ${name}`);
}

/** Opens a target's sessions (32; the stdio upstream has one) and finds its echo tool. */
async function connect(t) {
  t.client = new Target(t);
  t.sessions = [];
  const n = t.proto === 'stdio' ? 1 : 32;
  for (let i = 0; i < n; i++) t.sessions.push(await t.client.session());
  if (t.proto === 'stdio') t.pid = null, t.upstreamPid = t.sessions[0].pid;
  t.tool = await t.client.echoTool(t.sessions[0]);
  log(`${t.name}: ${n} session(s), tool ${t.tool}`);
}

function cpuNow(t) {
  const driver = process.cpuUsage();
  const c = t.pid ? cpuOf(t.pid) : { own: NaN, below: cpuOf(t.upstreamPid).own };
  return { target: c.own, upstream: c.below, driver: driver.user + driver.system };
}

async function measure(t, { c, s }) {
  const sessions = t.sessions.slice(0, s);
  await runLoad(sessions, t.tool, c, WARM_SECONDS);
  const before = cpuNow(t);
  const r = await runLoad(sessions, t.tool, c, SECONDS);
  const after = cpuNow(t);
  const per = (k) => (after[k] - before[k]) / r.calls;
  return {
    target: t.name, concurrency: c, sessions: s, calls: r.calls, errors: r.errors, firstError: r.firstError,
    callsPerSecond: r.calls / r.seconds, p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99),
    cpuTarget: per('target'), cpuUpstream: per('upstream'), cpuDriver: per('driver'),
  };
}

const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d,
  minimumFractionDigits: d }) : '-');

async function load() {
  const targets = [];
  for (const name of TARGETS) {
    const t = await startTarget(name);
    await connect(t);
    log(`${name}: warming up ${TARGET_WARMUP} s`);
    await runLoad(t.sessions.slice(0, 1), t.tool, 1, TARGET_WARMUP / 2);
    await runLoad(t.sessions, t.tool, 32, TARGET_WARMUP / 2);
    targets.push(t);
  }
  const results = [];
  const loads = [os.loadavg()[0]];
  for (let round = 0; round < ROUNDS; round++) {
    for (const cfg of CONFIGS) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const t of order) {
        if (cfg.s > t.sessions.length) continue;
        const r = await measure(t, cfg);
        r.round = round + 1;
        results.push(r);
        log(`round ${r.round} ${t.name} c=${cfg.c} s=${cfg.s}: ${fmt(r.callsPerSecond)} calls/s, p50 ${fmt(r.p50)} us,`
          + ` p99 ${fmt(r.p99)} us, CPU ${fmt(r.cpuTarget, 1)} + ${fmt(r.cpuUpstream, 1)} us/call`
          + (r.errors ? `, ${r.errors} errors (${r.firstError})` : ''));
      }
    }
    loads.push(os.loadavg()[0]);
  }
  for (const t of targets) for (const s of t.sessions) await s.close().catch(() => {});
  const file = path.join(out, `load-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify({ machine: machine(), loads, rounds: ROUNDS, seconds: SECONDS, results },
    null, 1));
  log(`raw results: ${file}`);
  report(results, [loads]);
}

/** `report FILE...`: the table over every round of earlier runs' raw results (bench/out/load-*.json). */
function reportFiles(files) {
  const results = [];
  const loads = [];
  files.forEach((f, i) => {
    const run = JSON.parse(fs.readFileSync(f, 'utf8'));
    loads.push(run.loads);
    for (const r of run.results) results.push({ ...r, round: `${i + 1}.${r.round}` });
  });
  report(results, loads);
}

function machine() {
  const v = spawnSync(JAVA, ['-version'], { encoding: 'utf8' });
  return { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version,
    java: (v.stderr || '').split('\n')[0], loadavg: os.loadavg() };
}

function report(results, loads) {
  const rows = [];
  const TARGETS = [...new Set(results.map((r) => r.target))];
  const n = new Set(results.map((r) => r.round)).size;
  console.log(`\n${n} rounds (${loads.length} run(s)) per configuration and target; medians of the rounds.`
    + ` Load average (1 min) at the start and after each round: ${loads.map((l) => l.map((x) => x.toFixed(1))
      .join(', ')).join('; ')}.\n`);
  console.log('| requests at once | sessions | target | calls/s | p50 (ms) | p99 (ms) | target CPU (us/call)'
    + ' | upstream CPU (us/call) | driver CPU (us/call) | errors |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const cfg of CONFIGS) {
    for (const name of TARGETS) {
      const rs = results.filter((r) => r.target === name && r.concurrency === cfg.c && r.sessions === cfg.s);
      if (rs.length === 0) continue;
      const m = (k) => median(rs.map((r) => r[k]));
      const row = { name, ...cfg, cps: m('callsPerSecond'), p50: m('p50'), p99: m('p99'), cpuT: m('cpuTarget'),
        cpuU: m('cpuUpstream'), cpuD: m('cpuDriver'), errors: rs.reduce((a, r) => a + r.errors, 0) };
      rows.push(row);
      console.log(`| ${cfg.c} | ${cfg.s} | ${name} | ${fmt(row.cps)} | ${fmt(row.p50 / 1000, 3)} | `
        + `${fmt(row.p99 / 1000, 2)} | ${fmt(row.cpuT, 1)} | ${fmt(row.cpuU, 1)} | ${fmt(row.cpuD, 1)} | `
        + `${row.errors} |`);
    }
  }
  const get = (name, c, s) => rows.find((r) => r.name === name && r.c === c && r.s === s);
  const one = (round, name, c, s) => results.find((r) => r.round === round && r.target === name
    && r.concurrency === c && r.sessions === s);
  const rounds = [...new Set(results.map((r) => r.round))];
  console.log('');
  for (const gw of TARGETS.filter((n) => n.startsWith('gateway'))) {
    for (const s of [1, 32]) {
      const g = get(gw, 32, s);
      const p = get('mcp-proxy', 32, s);
      if (!g || !p) continue;
      const x = g.cps / p.cps;
      const perRound = rounds.map((k) => {
        const a = one(k, gw, 32, s);
        const b = one(k, 'mcp-proxy', 32, s);
        return a && b ? (a.callsPerSecond / b.callsPerSecond).toFixed(1) : '-';
      });
      console.log(`- ${gw}, 32 requests at once, ${s} session(s): ${fmt(g.cps)} calls/s = ${x.toFixed(1)}x`
        + ` mcp-proxy's ${fmt(p.cps)} (target >= 5x): ${x >= 5 ? 'met' : 'MISSED'}`
        + ` (per round: ${perRound.join(', ')})`);
    }
    const g1 = get(gw, 1, 1);
    const d1 = get('direct', 1, 1);
    if (g1 && d1) {
      const added = (g1.p50 - d1.p50) / 1000;
      const perRound = rounds.map((k) => {
        const a = one(k, gw, 1, 1);
        const b = one(k, 'direct', 1, 1);
        return a && b ? ((a.p50 - b.p50) / 1000).toFixed(3) : '-';
      });
      console.log(`- ${gw}, one request at a time: p50 ${fmt(g1.p50 / 1000, 3)} ms - direct ${fmt(d1.p50 / 1000, 3)}`
        + ` ms = ${fmt(added, 3)} ms added (target <= 0.3 ms): ${added <= 0.3 ? 'met' : 'MISSED'}`
        + ` (per round: ${perRound.join(', ')})`);
    }
  }
}

/** Live heap (bytes) after a full GC: the total of GC.class_histogram, which runs a full GC first. */
function liveHeap(pid, top = 0) {
  const text = execFileSync(JCMD, [String(pid), 'GC.class_histogram'], { maxBuffer: 64 << 20 }).toString();
  const total = Number(text.match(/^Total\s+(\d+)\s+(\d+)/m)[2]);
  const lines = text.split('\n').filter((l) => /^\s*\d+:\s+\d+\s+\d+\s/.test(l)).slice(0, top);
  return { total, lines, text };
}

async function idle() {
  const n = Number(opts['sessions-idle'] ?? 1000);
  // -Xmx256m: the target's own bound, so holding the sessions at all shows they fit (SWITCHBOARD_JAVA_OPTS is
  // read by the launcher).
  const g = await startGateway('gateway-idle', { SWITCHBOARD_JAVA_OPTS: '-Xmx256m' });
  const client = new Target(g);
  const warm = await client.session();
  const tool = await client.echoTool(warm);
  await runLoad([warm], tool, 8, 3); // the call path loaded and compiled, as in a gateway that has served
  await warm.close();
  await sleep(1000);
  const before = liveHeap(g.pid);
  const { default: http } = await import('node:http');
  const streams = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const sessions = [];
  for (let i = 0; i < n; i += 50) {
    const opened = await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => client.session()));
    await Promise.all(opened.map((s) => s.openGetStream(streams)));
    sessions.push(...opened);
  }
  log(`${sessions.length} sessions with an open GET stream; holding them 20 s (past the 15 s keep-alive)`);
  await sleep(20000);
  const broken = sessions.filter((s) => s.getStream.destroyed || s.getStream.res?.complete).length;
  const during = liveHeap(g.pid, 12);
  const histogram = path.join(out, `idle-histogram-${stamp}.txt`);
  fs.writeFileSync(histogram, during.text);
  const info = execFileSync(JCMD, [String(g.pid), 'GC.heap_info']).toString();
  const rss = fs.readFileSync(`/proc/${g.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1] * 1024;
  const sessionsLine = during.text.split('\n').find((l) => /dev\.switchboard\.gateway\.Session\s*$/.test(l));
  // A call still works on one of them: the gateway is not merely alive.
  const check = await sessions[n - 1].rpc('tools/call', { name: tool, arguments: { text: 'still here' } });
  for (const s of sessions) s.getStream.destroy();
  for (const s of sessions) await s.close();
  const mib = (b) => (b / 1048576).toFixed(1);
  console.log(`\nIdle sessions: gateway started with -Xmx256m, ${n} sessions, each with an open GET stream,`
    + ` held 20 s; ${broken} streams broke; a call on the last session afterwards: `
    + `${check.result && !check.result.isError ? 'answered' : JSON.stringify(check)}.`);
  console.log(`- live heap after a full GC (jcmd GC.class_histogram total): ${mib(before.total)} MiB before the`
    + ` sessions, ${mib(during.total)} MiB with them: ${mib(during.total - before.total)} MiB for ${n} sessions`
    + ` (${((during.total - before.total) / n / 1024).toFixed(1)} KiB each); target <= 256 MiB: `
    + `${during.total <= 256 * 1048576 ? 'met' : 'MISSED'}`);
  console.log(`- resident set size of the gateway process: ${mib(rss)} MiB`);
  console.log(`- Session instances in the histogram: ${sessionsLine ? sessionsLine.trim().split(/\s+/)[1] : '?'}`);
  console.log(`- GC.heap_info:\n${info.split('\n').filter((l) => l.trim()).map((l) => `    ${l.trim()}`).join('\n')}`);
  console.log(`- largest classes (full histogram in ${histogram}):`);
  for (const l of during.lines) console.log(`    ${l.trim()}`);
}

async function main() {
  try {
    if (opts.modes[0] === 'report') return reportFiles(opts.modes.slice(1));
    if (opts.modes.includes('load')) await load();
    if (opts.modes.includes('idle')) await idle();
  } finally {
    for (const c of children) {
      try { process.kill(c.pid, 'SIGTERM'); } catch { /* gone */ }
    }
    await sleep(500);
    if (children.length) log(`logs of the targets: ${logDir}`);
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
