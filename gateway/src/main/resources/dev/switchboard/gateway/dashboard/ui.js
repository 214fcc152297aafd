// Small pieces of the page every view uses: the confirmation dialog and the notice line.

import {h} from './dom.js';

/** Asks the person to confirm; resolves true only when they do. */
export function confirm(text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}

let timer = null;

/** Shows a message at the top of the page: kind 'ok' fades after a while, 'error' stays until the next one. */
export function notify(text, kind) {
  const notice = document.getElementById('notice');
  notice.replaceChildren(h('span', {}, text), h('button', {class: 'link', 'aria-label': 'Dismiss', onclick: () => { notice.hidden = true; }}, '×'));
  notice.className = `notice ${kind}`;
  notice.hidden = false;
  clearTimeout(timer);
  if (kind === 'ok') timer = setTimeout(() => { notice.hidden = true; }, 4000);
}

/** An API failure as a block: its status, code and message. */
export function failure(e) {
  return h('div', {class: 'error box', role: 'alert'},
    h('strong', {}, e.status ? `${e.status} ${e.code}` : e.code || 'Error'), ' ', e.message);
}
