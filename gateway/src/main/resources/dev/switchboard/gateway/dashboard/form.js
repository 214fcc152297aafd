// A form generated from a tool's input schema (JSON Schema): strings, numbers and integers, enums, booleans, arrays
// and nested objects, with defaults filled in. Anything else (oneOf, no type) is a JSON text field.

import {h, pretty} from './dom.js';

let ids = 0;

/** The form's element and get(), which returns the arguments or throws an Error saying which field is wrong. */
export function schemaForm(schema) {
  return field(schema || {type: 'object'}, 'arguments', true, true);
}

function typeOf(schema) {
  if (Array.isArray(schema.enum)) return 'enum';
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'json';
}

function field(schema, name, required, top) {
  const type = typeOf(schema);
  const id = `f${++ids}`;
  const label = top ? null : h('label', {for: id}, name, required ? h('span', {class: 'required', title: 'required'}, ' *') : null);
  const help = !top && schema.description ? h('small', {class: 'muted'}, schema.description) : null;
  const wrap = (input, get) => ({el: h('div', {class: `field type-${type}`}, label, input, help), get});
  switch (type) {
    case 'object': return object(schema, name, id, top, required);
    case 'array': return array(schema, name, id, label, help, required);
    case 'enum': {
      const select = h('select', {id, name},
        required ? null : h('option', {value: ''}, '—'),
        ...schema.enum.map((v, i) => h('option', {value: String(i)}, typeof v === 'string' ? v : JSON.stringify(v))));
      const d = schema.enum.findIndex((v) => JSON.stringify(v) === JSON.stringify(schema.default));
      if (d >= 0) select.value = String(d);
      return wrap(select, () => (select.value === '' ? undefined : schema.enum[Number(select.value)]));
    }
    case 'boolean': {
      const box = h('input', {id, name, type: 'checkbox', checked: schema.default === true});
      return {el: h('div', {class: 'field type-boolean'}, h('label', {class: 'check'}, box, ` ${name}`), help),
        get: () => (box.checked ? true : (required || schema.default !== undefined ? false : undefined))};
    }
    case 'number':
    case 'integer': {
      const input = h('input', {id, name, type: 'number', step: type === 'integer' ? '1' : 'any', required,
        min: schema.minimum, max: schema.maximum, value: schema.default === undefined ? '' : String(schema.default)});
      return wrap(input, () => {
        if (input.value === '') return undefined;
        const n = Number(input.value);
        if (Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n))) throw new Error(`${name}: expected ${type === 'integer' ? 'an integer' : 'a number'}`);
        return n;
      });
    }
    case 'string': {
      const long = (schema.maxLength === undefined || schema.maxLength > 200) && /text|body|content|query|description|message/i.test(name);
      const input = long ? h('textarea', {id, name, rows: 3, required}) : h('input', {id, name, type: 'text', required, placeholder: schema.format || null});
      input.value = schema.default === undefined ? '' : String(schema.default);
      return wrap(input, () => (input.value === '' && !required ? undefined : input.value));
    }
    case 'null': return {el: h('div'), get: () => null};
    default: {
      const area = h('textarea', {id, name, rows: 3, class: 'mono', placeholder: 'JSON'});
      area.value = schema.default === undefined ? '' : pretty(schema.default);
      return wrap(area, () => {
        if (area.value.trim() === '') return undefined;
        try { return JSON.parse(area.value); } catch { throw new Error(`${name}: not valid JSON`); }
      });
    }
  }
}

function object(schema, name, id, top, required) {
  const props = schema.properties || {};
  const needed = new Set(schema.required || []);
  const fields = Object.entries(props).map(([key, sub]) => [key, field(sub || {}, key, needed.has(key), false)]);
  if (schema.default && typeof schema.default === 'object') fields.forEach(([key, f]) => fillDefault(f, schema.default[key]));
  const body = fields.map(([, f]) => f.el);
  if (!fields.length) body.push(h('p', {class: 'muted small'}, top ? 'This tool takes no arguments.' : 'An empty object.'));
  const el = top ? h('div', {class: 'fields', id}, body) : h('fieldset', {id}, h('legend', {}, name), schema.description ? h('small', {class: 'muted'}, schema.description) : null, body);
  return {el, get: () => {
    const out = {};
    for (const [key, f] of fields) {
      const v = f.get();
      if (v !== undefined) out[key] = v;
      else if (needed.has(key)) throw new Error(`${key} is required`);
    }
    // An optional nested object left empty is left out, not sent as {}.
    return top || required || Object.keys(out).length ? out : undefined;
  }};
}

function fillDefault(f, value) {
  if (value === undefined) return;
  const input = f.el.querySelector('input, select, textarea');
  if (!input) return;
  if (input.type === 'checkbox') input.checked = Boolean(value);
  else if (input.tagName === 'INPUT' || input.tagName === 'TEXTAREA') input.value = typeof value === 'string' ? value : String(value);
}

function array(schema, name, id, label, help, required) {
  const itemSchema = schema.items || {};
  const items = [];
  const list = h('div', {class: 'items', id});
  const addItem = (value) => {
    // An item is there because the person added it: it is sent even when empty, hence "required".
    const f = field(value === undefined ? itemSchema : {...itemSchema, default: value}, `${name}[${items.length}]`, true, false);
    const row = h('div', {class: 'item'}, f.el, h('button', {type: 'button', class: 'link', onclick: () => {
      items.splice(items.indexOf(entry), 1);
      row.remove();
    }}, 'Remove'));
    const entry = {f, row};
    items.push(entry);
    list.append(row);
  };
  (Array.isArray(schema.default) ? schema.default : []).forEach(addItem);
  const add = h('button', {type: 'button', onclick: () => addItem()}, `Add ${name} item`);
  return {el: h('div', {class: 'field type-array'}, label, help, list, add), get: () => {
    const values = items.map((i) => i.f.get());
    return values.length || required ? values : undefined;
  }};
}
