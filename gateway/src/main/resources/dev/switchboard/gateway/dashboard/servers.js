// The servers view: one card per server, live. Controls appear only for a token that may use them.

import {api} from './api.js';
import {h, svg, ms, clock} from './dom.js';
import {store} from './store.js';
import {confirm, notify} from './ui.js';

export function serversView(root) {
  const grid = h('div', {class: 'cards', id: 'servers'});
  root.append(h('div', {class: 'heading'}, h('h1', {}, 'Servers'), reloadButton()), grid);
  const draw = () => grid.replaceChildren(...[...store.servers.values()].map(card));
  draw();
  return store.watch((what) => what === 'servers' && draw());
}

function reloadButton() {
  if (!store.me?.mayControl) return null;
  return h('button', {onclick: () => act('reload the configuration file', '/reload')}, 'Reload configuration');
}

function card(s) {
  const recent = s.recent || {calls: 0, failed: 0, errorRate: null, windowSeconds: 0, probes: []};
  const rate = recent.errorRate === null ? '–' : `${(recent.errorRate * 100).toFixed(recent.errorRate < 0.1 ? 1 : 0)} %`;
  const perMinute = recent.windowSeconds >= 55 || recent.calls === 0 ? String(recent.calls) : `${recent.calls} in ${recent.windowSeconds} s`;
  return h('article', {class: 'card', dataset: {server: s.name, state: s.state}},
    h('header', {},
      h('h2', {}, s.name),
      h('span', {class: `badge state-${s.state.toLowerCase()}`, dataset: {role: 'state'}}, s.state)),
    h('p', {class: 'muted small'}, [s.transport, s.protocolVersion ? `MCP ${s.protocolVersion}` : null,
      s.serverInfo?.name ? `${s.serverInfo.name} ${s.serverInfo.version || ''}` : null].filter(Boolean).join(' · ')),
    h('dl', {class: 'facts'},
      fact('Health', h('span', {class: `badge health-${s.health.state.toLowerCase()}`}, s.health.state)),
      fact('Latency', ms(s.health.latencyMs)),
      fact('Breaker', h('span', {class: `badge breaker-${s.breaker.state.toLowerCase()}`}, s.breaker.state)),
      fact('Restarts', h('span', {dataset: {role: 'restarts'}}, String(s.restarts))),
      fact('Calls/min', perMinute),
      fact('Error rate', rate),
      fact('Calls', `${s.calls.total} (${s.calls.failed} failed)`),
      fact('p50 / p95', s.calls.p50Ms === undefined ? '–' : `${ms(s.calls.p50Ms)} / ${ms(s.calls.p95Ms)}`),
      fact('Offers', [count(s.tools, 'tool'), count(s.resources, 'resource'), count(s.prompts, 'prompt')].join(' · '))),
    h('div', {class: 'chart'}, h('span', {class: 'muted small'}, 'Health probes'), sparkline(recent.probes)),
    s.lastError ? h('p', {class: 'error small', dataset: {role: 'last-error'}},
      h('code', {}, s.lastError.code), ' ', s.lastError.message,
      s.lastError.at ? h('span', {class: 'muted'}, ` (${clock(s.lastError.at)})`) : null) : null,
    controls(s));
}

/** "3 tools", "1 tool"; a count the server has not told yet (-1) is "?". */
function count(n, noun) {
  return n < 0 ? `? ${noun}s` : `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** The latencies of the last probes as a small line chart; failed probes are red marks on the baseline. */
function sparkline(probes) {
  const width = 160;
  const height = 32;
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, width, height, class: 'sparkline', role: 'img'});
  if (!probes.length) {
    chart.append(svg('title', {}, 'no probe seen yet'));
    chart.append(svg('line', {x1: 0, y1: height - 1, x2: width, y2: height - 1, class: 'axis'}));
    return chart;
  }
  const max = Math.max(1, ...probes.filter((p) => p.ok).map((p) => p.latencyMs || 0));
  const step = probes.length > 1 ? width / (probes.length - 1) : 0;
  const x = (i) => (probes.length > 1 ? i * step : width / 2);
  const y = (v) => height - 2 - ((height - 4) * v) / max;
  const points = probes.map((p, i) => (p.ok ? `${x(i).toFixed(1)},${y(p.latencyMs || 0).toFixed(1)}` : null)).filter(Boolean);
  chart.append(svg('title', {}, `last ${probes.length} probes, up to ${ms(max)}`));
  chart.append(svg('line', {x1: 0, y1: height - 1, x2: width, y2: height - 1, class: 'axis'}));
  if (points.length > 1) chart.append(svg('polyline', {points: points.join(' '), class: 'line'}));
  probes.forEach((p, i) => chart.append(p.ok ? svg('circle', {cx: x(i), cy: y(p.latencyMs || 0), r: 1.8, class: 'dot'})
    : svg('circle', {cx: x(i), cy: height - 3, r: 2.5, class: 'fail'})));
  return chart;
}

function controls(s) {
  if (!store.me?.mayControl) return null;
  const name = encodeURIComponent(s.name);
  const disabled = s.state === 'DISABLED';
  return h('div', {class: 'actions'},
    disabled ? h('button', {onclick: () => act(`enable ${s.name}`, `/servers/${name}/enable`)}, 'Enable')
      : h('button', {onclick: () => act(`disable ${s.name} (calls in flight may finish)`, `/servers/${name}/disable`)}, 'Disable'),
    h('button', {disabled: disabled, onclick: () => act(`reconnect ${s.name} from scratch`, `/servers/${name}/reconnect`)}, 'Reconnect'));
}

async function act(what, path) {
  if (!(await confirm(`Do you want to ${what}?`))) return;
  try {
    const answer = await api(path, {method: 'POST'});
    if (answer?.name) store.put(answer);
    else await store.loadServers();
    notify(`Done: ${what}.`, 'ok');
  } catch (e) {
    notify(e.status === 403 ? `Refused (403): this token may not ${what}. ${e.message}` : `Failed (${e.code}): ${e.message}`, 'error');
  }
}
