// The dashboard's entry: asks for a token when the gateway needs one, follows the event stream, and shows the view
// the address names (#/servers, #/events, #/tools, #/tools/<name>, #/resources, #/prompts, #/resolve).

import {api, follow, token} from './api.js';
import {h} from './dom.js';
import {store} from './store.js';
import {serversView} from './servers.js';
import {timelineView} from './timeline.js';
import {catalogView, toolView} from './catalog.js';
import {promptsView, resolveView, resourcesView} from './browse.js';
import {failure} from './ui.js';

const VIEWS = [
  ['servers', 'Servers', serversView],
  ['events', 'Events', timelineView],
  ['tools', 'Tools', catalogView],
  ['resources', 'Resources', resourcesView],
  ['prompts', 'Prompts', promptsView],
  ['resolve', 'Resolve', resolveView],
];

const main = document.getElementById('main');
let stream = null;
let unwatch = null;

async function start() {
  try {
    store.me = await api('/me');
  } catch (e) {
    if (e.status === 401) {
      login(token.get() ? 'The gateway did not accept this token (401). Enter a valid one.' : null);
      return;
    }
    main.replaceChildren(failure(e));
    return;
  }
  navigation();
  stream?.stop();
  stream = follow((kind, event) => store.hear(kind, event), (up, error) => {
    store.live = up;
    status(up ? 'live' : error?.status === 401 ? 'token refused' : 'reconnecting…', up);
    if (error?.status === 401) login('The gateway no longer accepts this token (401). Enter a valid one.');
  });
  try {
    await store.loadServers();
  } catch (e) {
    main.replaceChildren(failure(e));
    return;
  }
  route();
}

function navigation() {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...VIEWS.map(([id, label]) => h('a', {href: `#/${id}`, dataset: {view: id}}, label)));
  if (store.me.tokenRequired) {
    nav.append(h('button', {class: 'link', id: 'forget', onclick: forget, title: 'Forget the token of this tab'},
      `${store.me.name} · sign out`));
  }
}

function status(text, up) {
  const el = document.getElementById('status');
  el.replaceChildren(h('span', {class: `dot ${up ? 'up' : 'down'}`}), ` ${text}`);
}

function forget() {
  token.clear();
  login(null);
}

/** The token form; the token goes to sessionStorage (this tab only) and is never shown again. */
function login(message) {
  store.me = null; // no view draws until a token is accepted
  store.servers = new Map();
  store.events = [];
  stream?.stop();
  unwatch?.();
  unwatch = null;
  document.getElementById('nav').replaceChildren();
  status('signed out', false);
  const input = h('input', {type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true, placeholder: 'sbt_…'});
  const submit = (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    token.set(input.value.trim());
    main.replaceChildren(h('p', {class: 'muted'}, 'Checking…'));
    start();
  };
  main.replaceChildren(h('form', {class: 'login box', id: 'login', onsubmit: submit},
    h('h1', {}, 'Access token'),
    h('p', {}, 'This gateway needs an access token. It is kept for this tab only and sent to the gateway alone.'),
    message ? h('p', {class: 'error', id: 'login-error', role: 'alert'}, message) : null,
    h('label', {for: 'token'}, 'Token'), input,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Open the dashboard'))));
  input.focus();
}

function route() {
  if (!store.me) return;
  unwatch?.();
  unwatch = null;
  const [, view, ...rest] = (location.hash || '#/servers').split('/');
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === view);
  main.replaceChildren();
  if (view === 'tools' && rest.length) {
    toolView(main, decodeURIComponent(rest.join('/')));
    return;
  }
  const [, , render] = VIEWS.find(([id]) => id === view) || VIEWS[0];
  unwatch = render(main) || null;
}

window.addEventListener('hashchange', route);
start();
