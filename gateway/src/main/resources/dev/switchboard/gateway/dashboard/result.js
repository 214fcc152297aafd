// A tool's result as the page shows it: its duration and server, then each content item (text, image, audio,
// resource), the structured content, and whether the tool reported an error.

import {h, ms, pretty} from './dom.js';

const IMAGE = /^image\/(png|jpeg|gif|webp|bmp)$/; // not SVG: an image from a server is shown, never run

export function renderResult(answer) {
  const r = answer.result || {};
  const out = h('section', {class: `result${answer.isError ? ' is-error' : ''}`, dataset: {role: 'result'}},
    h('p', {class: 'meta'},
      h('strong', {}, answer.isError ? 'The tool reported an error' : 'Result'),
      ` · ${ms(answer.durationMs)} · server ${answer.server}`,
      answer.attempts > 1 ? ` · ${answer.attempts} attempts` : ''));
  for (const item of r.content || []) out.append(content(item));
  if (r.structuredContent !== undefined) {
    out.append(h('h3', {}, 'Structured content'), h('pre', {class: 'mono'}, pretty(r.structuredContent)));
  }
  if (!(r.content || []).length && r.structuredContent === undefined) out.append(h('p', {class: 'muted'}, 'No content.'));
  return out;
}

export function content(item) {
  switch (item.type) {
    case 'text':
      return h('pre', {class: 'text'}, item.text);
    case 'image':
      return IMAGE.test(item.mimeType || '') && typeof item.data === 'string'
        ? h('img', {class: 'image', alt: 'image from the tool', src: `data:${item.mimeType};base64,${item.data}`})
        : h('p', {class: 'muted'}, `An image of type ${item.mimeType} (not shown).`);
    case 'audio':
      return h('p', {class: 'muted'}, `Audio (${item.mimeType}), ${Math.round((item.data || '').length * 0.75)} bytes.`);
    case 'resource': {
      const res = item.resource || {};
      return h('div', {class: 'resource'}, h('p', {class: 'small'}, h('code', {}, res.uri || ''), res.mimeType ? ` · ${res.mimeType}` : ''),
        res.text !== undefined ? h('pre', {class: 'text'}, res.text) : h('p', {class: 'muted'}, 'Binary content.'));
    }
    case 'resource_link':
      return h('p', {}, 'Resource: ', h('code', {}, item.uri), item.name ? ` (${item.name})` : '');
    default:
      return h('pre', {class: 'mono'}, pretty(item));
  }
}
