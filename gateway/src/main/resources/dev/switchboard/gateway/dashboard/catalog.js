// The merged tool catalog with search, and a tool's page: description, input schema, and a "try it" form.

import {api} from './api.js';
import {h, pretty} from './dom.js';
import {schemaForm} from './form.js';
import {renderResult} from './result.js';
import {failure} from './ui.js';

export function catalogView(root) {
  const search = h('input', {type: 'search', id: 'tool-search', placeholder: 'Search name, title or description', 'aria-label': 'Search tools'});
  const list = h('div', {id: 'tools'}, h('p', {class: 'muted'}, 'Loading…'));
  root.append(h('div', {class: 'heading'}, h('h1', {}, 'Tools'), search), list);
  let tools = [];
  const draw = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = tools.filter((t) => words.every((w) => text(t).includes(w)));
    list.replaceChildren(shown.length ? h('table', {class: 'list'},
      h('thead', {}, h('tr', {}, h('th', {}, 'Tool'), h('th', {}, 'Server'), h('th', {}, 'Description'))),
      h('tbody', {}, shown.map((t) => h('tr', {class: t.available ? null : 'unavailable'},
        h('td', {}, h('a', {href: `#/tools/${encodeURIComponent(t.name)}`}, t.name)),
        h('td', {}, t.server),
        h('td', {}, firstLine(t.definition.description)))))) : h('p', {class: 'muted'}, 'No tool matches.'));
  };
  search.addEventListener('input', draw);
  api('/tools').then((answer) => { tools = answer.tools; draw(); }).catch((e) => list.replaceChildren(failure(e)));
}

function text(t) {
  return `${t.name} ${t.definition.title || ''} ${t.definition.description || ''}`.toLowerCase();
}

function firstLine(s) {
  const line = (s || '').split('\n')[0];
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

export function toolView(root, name) {
  root.append(h('p', {}, h('a', {href: '#/tools'}, '← Tools')));
  const body = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));
  root.append(body);
  api('/tools').then((answer) => {
    const tool = answer.tools.find((t) => t.name === name);
    if (!tool) {
      body.replaceChildren(h('p', {class: 'error'}, `No tool ${name} (or this token may not see it).`));
      return;
    }
    body.replaceChildren(...page(tool));
  }).catch((e) => body.replaceChildren(failure(e)));
}

function page(tool) {
  const d = tool.definition;
  const form = schemaForm(d.inputSchema);
  const output = h('div', {id: 'result', 'aria-live': 'polite'});
  const run = h('button', {type: 'submit', class: 'primary'}, 'Run');
  const submit = async (event) => {
    event.preventDefault();
    let args;
    try {
      args = form.get();
    } catch (e) {
      output.replaceChildren(h('p', {class: 'error'}, e.message));
      return;
    }
    run.disabled = true;
    output.replaceChildren(h('p', {class: 'muted'}, 'Running…'));
    try {
      output.replaceChildren(renderResult(await api('/call', {method: 'POST', body: {tool: tool.name, arguments: args}})));
    } catch (e) {
      output.replaceChildren(failure(e));
    } finally {
      run.disabled = false;
    }
  };
  return [
    h('h1', {}, d.title || tool.name),
    h('p', {class: 'muted'}, `${tool.name} · server ${tool.server}${tool.available ? '' : ' · not connected'}${tool.alsoOfferedBy.length ? ` · also offered by ${tool.alsoOfferedBy.join(', ')}` : ''}`),
    d.description ? h('p', {class: 'description'}, d.description) : null,
    h('details', {}, h('summary', {}, 'Input schema'), h('pre', {class: 'mono'}, pretty(d.inputSchema || {}))),
    h('h2', {}, 'Try it'),
    h('form', {class: 'try', id: 'try', onsubmit: submit, novalidate: true}, form.el, h('div', {class: 'actions'}, run)),
    output,
  ];
}
