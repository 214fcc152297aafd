// The timeline: every event since the page opened, newest first, filterable by server.

import {h, clock, ms} from './dom.js';
import {store} from './store.js';

export function timelineView(root) {
  const filter = h('select', {id: 'timeline-server', 'aria-label': 'Server'});
  const list = h('ol', {class: 'timeline', id: 'timeline'});
  root.append(h('div', {class: 'heading'}, h('h1', {}, 'Events'), h('label', {}, 'Server ', filter)), list);
  const options = () => {
    const chosen = filter.value;
    filter.replaceChildren(h('option', {value: ''}, 'all servers'),
      ...[...store.servers.keys()].map((n) => h('option', {value: n}, n)));
    filter.value = store.servers.has(chosen) ? chosen : '';
  };
  const draw = () => {
    const shown = store.events.filter((e) => !filter.value || e.server === filter.value).slice(-200).reverse();
    list.replaceChildren(...shown.map(row));
    if (!shown.length) list.append(h('li', {class: 'muted empty'}, 'No events since this page opened: they appear here as they happen.'));
  };
  filter.addEventListener('change', draw);
  options();
  draw();
  return store.watch((what) => {
    if (what === 'servers') options();
    draw();
  });
}

function row(e) {
  return h('li', {class: `event kind-${e.kind}`, dataset: {kind: e.kind, server: e.server || ''}},
    h('time', {datetime: e.time}, clock(e.time)),
    h('span', {class: 'badge'}, e.kind),
    h('strong', {}, e.server || 'gateway'),
    h('span', {}, summary(e)));
}

/** One line that says what happened. */
export function summary(e) {
  const d = e.details || {};
  switch (e.kind) {
    case 'state': return `${d.previous || '–'} → ${d.state}${d.lastError && d.state !== 'READY' ? `: ${d.lastError.code} ${d.lastError.message}` : ''}`;
    case 'restart': return `restarted (${d.restarts} since it was last stable)`;
    case 'health': return `${d.previous} → ${d.state}${d.reason ? `: ${d.reason}` : ''}`;
    case 'probe': return d.ok ? `probe answered in ${ms(d.latencyMs)}` : `probe failed (${d.consecutiveFailures} in a row)`;
    case 'breaker': return `breaker ${d.from} → ${d.to}`;
    case 'catalog': return `${(d.parts || []).join(', ').toLowerCase()} changed`;
    case 'call': return `${d.tool} ${d.error ? `failed: ${d.error}` : 'ok'} in ${ms(d.durationMs)}`;
    case 'reload': return `configuration reloaded: +${d.added.length} −${d.removed.length} ~${d.changed.length}`;
    case 'dropped': return `${d.count} events were lost (${d.reason})`;
    case 'closed': return d.reason;
    default: return '';
  }
}
