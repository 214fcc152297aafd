// Resources and prompts of each server, and which server is the authority for an entity.

import {api} from './api.js';
import {h, pretty} from './dom.js';
import {content} from './result.js';
import {failure} from './ui.js';

/** Groups items by their server, in the order of the servers' first items. */
function byServer(items) {
  const groups = new Map();
  for (const item of items) {
    if (!groups.has(item.server)) groups.set(item.server, []);
    groups.get(item.server).push(item);
  }
  return groups;
}

export function resourcesView(root) {
  const list = h('div', {id: 'resources'}, h('p', {class: 'muted'}, 'Loading…'));
  const shown = h('div', {id: 'resource', 'aria-live': 'polite'});
  root.append(h('h1', {}, 'Resources'), h('div', {class: 'split'}, list, shown));
  const open = async (r) => {
    shown.replaceChildren(h('p', {class: 'muted'}, 'Reading…'));
    try {
      const item = await api(`/resources/read?uri=${encodeURIComponent(r.qualifiedUri)}`);
      shown.replaceChildren(h('h2', {}, item.name || item.uri),
        h('p', {class: 'muted small'}, `${item.server} · ${item.mimeType || 'no type'} · ${item.size} bytes${item.truncated ? ' (cut short)' : ''}`),
        ...item.contents.map((c) => (c.text !== undefined ? h('pre', {class: 'text'}, c.text)
          : c.blob !== undefined ? content({type: 'image', mimeType: c.mimeType, data: c.blob}) : h('pre', {class: 'mono'}, pretty(c)))));
    } catch (e) {
      shown.replaceChildren(failure(e));
    }
  };
  api('/resources').then((answer) => {
    const groups = byServer(answer.resources);
    list.replaceChildren(...[...groups].map(([server, items]) => h('section', {},
      h('h2', {}, server),
      h('ul', {class: 'plain'}, items.map((r) => h('li', {},
        h('button', {class: 'link', onclick: () => open(r)}, r.definition.name || r.definition.uri),
        h('small', {class: 'muted'}, ` ${r.definition.uri}`)))))));
    if (!groups.size) list.replaceChildren(h('p', {class: 'muted'}, 'No server offers resources.'));
  }).catch((e) => list.replaceChildren(failure(e)));
}

export function promptsView(root) {
  const list = h('div', {id: 'prompts'}, h('p', {class: 'muted'}, 'Loading…'));
  root.append(h('h1', {}, 'Prompts'), list);
  api('/prompts').then((answer) => {
    const groups = byServer(answer.prompts);
    list.replaceChildren(...[...groups].map(([server, items]) => h('section', {}, h('h2', {}, server), items.map(prompt))));
    if (!groups.size) list.replaceChildren(h('p', {class: 'muted'}, 'No server offers prompts.'));
  }).catch((e) => list.replaceChildren(failure(e)));
}

function prompt(p) {
  const d = p.definition;
  const inputs = (d.arguments || []).map((a) => [a, h('input', {type: 'text', name: a.name, required: a.required})]);
  const out = h('div', {'aria-live': 'polite'});
  const get = async (event) => {
    event.preventDefault();
    const args = {};
    for (const [a, input] of inputs) if (input.value !== '') args[a.name] = input.value;
    try {
      const answer = await api('/prompts/get', {method: 'POST', body: {name: p.name, arguments: args}});
      out.replaceChildren(...(answer.result.messages || []).map((m) => h('div', {class: 'message'},
        h('span', {class: 'badge'}, m.role), content(m.content))));
    } catch (e) {
      out.replaceChildren(failure(e));
    }
  };
  return h('details', {class: 'prompt'}, h('summary', {}, h('strong', {}, p.name), d.description ? ` — ${d.description}` : ''),
    h('form', {onsubmit: get, class: 'inline'}, inputs.map(([a, input]) => h('label', {}, `${a.name}${a.required ? ' *' : ''} `, input)),
      h('button', {type: 'submit'}, 'Get')), out);
}

export function resolveView(root) {
  const entity = h('input', {type: 'text', name: 'entity', required: true, placeholder: 'e.g. a customer or product'});
  const domain = h('input', {type: 'text', name: 'domain', placeholder: 'any'});
  const out = h('div', {id: 'resolution', 'aria-live': 'polite'});
  const go = async (event) => {
    event.preventDefault();
    const query = `entity=${encodeURIComponent(entity.value)}${domain.value ? `&domain=${encodeURIComponent(domain.value)}` : ''}`;
    out.replaceChildren(h('p', {class: 'muted'}, 'Asking the servers…'));
    try {
      const r = await api(`/resolve?${query}`);
      const [winner, ...others] = r.candidates;
      out.replaceChildren(
        winner ? h('div', {class: 'winner box'}, h('p', {}, 'Authority: ', h('strong', {}, winner.server), ` (priority ${winner.priority}, ${winner.match.toLowerCase()} match)`),
          h('code', {}, winner.qualifiedUri)) : h('p', {class: 'muted'}, `No server knows “${r.entity}”.`),
        others.length ? h('table', {class: 'list'}, h('thead', {}, h('tr', {}, ['Server', 'Priority', 'Match', 'Score', 'Resource'].map((t) => h('th', {}, t)))),
          h('tbody', {}, others.map((c) => h('tr', {}, h('td', {}, c.server), h('td', {}, String(c.priority)), h('td', {}, c.match),
            h('td', {}, c.score.toFixed(2)), h('td', {}, h('code', {}, c.qualifiedUri)))))) : null,
        ...r.failures.map((f) => h('p', {class: 'error small'}, `${f.server}: ${f.code || ''} ${f.message || ''}`)));
    } catch (e) {
      out.replaceChildren(failure(e));
    }
  };
  root.append(h('h1', {}, 'Resolve'), h('form', {class: 'inline', onsubmit: go},
    h('label', {}, 'Entity ', entity), h('label', {}, 'Domain ', domain), h('button', {type: 'submit', class: 'primary'}, 'Resolve')), out);
}
