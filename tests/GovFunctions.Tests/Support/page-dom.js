// Runs a page's own <script> under node against a small DOM built from the page's HTML, as a browser would run it:
// fills the fields, submits the form (and optionally clicks the next-step button), answers each fetch with the reply
// the test got from the real function, and prints what the person would see. Input on stdin, output on stdout (JSON).
'use strict';
const fs = require('fs');
const vm = require('vm');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const VOID = new Set(['input', 'meta', 'br', 'img', 'link', 'hr', 'source']);
const log = { focused: null, scrolled: null, requests: [] };
const all = [];

class Element {
  constructor(tag, attrs, parent) {
    Object.assign(this, { tag, attrs, parent, children: [], listeners: {}, textContent: '' });
    this.id = attrs.id ?? '';
    this.className = attrs.class ?? '';
    this.name = attrs.name;
    this.type = attrs.type;
    this.value = attrs.value ?? '';
    this.hidden = 'hidden' in attrs;
    this.disabled = 'disabled' in attrs;
    this.checked = 'checked' in attrs;
    this.dataset = {};
    for (const [k, v] of Object.entries(attrs))
      if (k.startsWith('data-')) this.dataset[k.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = v;
  }
  get label() { return this.id || (this.dataset.for ? 'error:' + this.dataset.for : this.tag); }
  addEventListener(type, fn) { this.listeners[type] = fn; }
  getAttribute(k) { return this.attrs[k] ?? null; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  removeAttribute(k) { delete this.attrs[k]; }
  focus() { log.focused = this.label; }
  scrollIntoView() { log.scrolled = this.label; }
  descendants() { return this.children.flatMap(c => [c, ...c.descendants()]); }
  matches(selector) {
    const m = /^([a-z]+)?(#[\w-]+)?((?:\.[\w-]+)*)((?:\[[\w-]+(?:="[^"]*")?\])*)$/.exec(selector.trim());
    if (!m) throw new Error('selector not supported by the test DOM: ' + selector);
    if (m[1] && m[1] !== this.tag) return false;
    if (m[2] && m[2].slice(1) !== this.id) return false;
    const classes = this.className.split(/\s+/);
    if (m[3] && !m[3].split('.').filter(Boolean).every(c => classes.includes(c))) return false;
    for (const [, k, v] of m[4].matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)) {
      const actual = k.startsWith('data-') ? this.dataset[k.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase())] : this.attrs[k];
      if (actual === undefined || (v !== undefined && actual !== v)) return false;
    }
    return true;
  }
  querySelector(s) { return this.descendants().find(e => e.matches(s)) ?? null; }
  querySelectorAll(s) { return this.descendants().filter(e => e.matches(s)); }
}

// Parse the markup outside <script> and <style> into a tree of elements.
const root = new Element('#root', {}, null);
const markup = input.html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '');
let current = root;
for (const [, closing, tag, rawAttrs] of markup.matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
  const name = tag.toLowerCase();
  if (closing) {
    for (let e = current; e !== root; e = e.parent) if (e.tag === name) { current = e.parent; break; }
    continue;
  }
  const attrs = {};
  for (const [, k, v] of rawAttrs.matchAll(/([\w:-]+)(?:="([^"]*)")?/g))
    attrs[k] = v === undefined ? '' : v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const el = new Element(name, attrs, current);
  current.children.push(el);
  all.push(el);
  if (!VOID.has(name)) current = el;
}
for (const select of all.filter(e => e.tag === 'select')) select.value = select.querySelector('option')?.value ?? '';
for (const [name, value] of Object.entries(input.fields ?? {})) {
  const el = all.find(e => e.name === name);
  if (!el) throw new Error('no field named ' + name);
  if (el.type === 'checkbox') el.checked = value !== ''; else el.value = value;
}

const document = {
  getElementById: id => all.find(e => e.id === id) ?? null,
  querySelector: s => root.querySelector(s),
  querySelectorAll: s => root.querySelectorAll(s),
};
class FormData {
  constructor(form) {
    this.entries = form.descendants()
      .filter(e => e.name && ['input', 'select', 'textarea'].includes(e.tag) && (e.type !== 'checkbox' || e.checked))
      .map(e => [e.name, e.type === 'checkbox' ? (e.attrs.value ?? 'on') : e.value]);
  }
  [Symbol.iterator]() { return this.entries[Symbol.iterator](); }
}
const replies = [...(input.replies ?? [])];
const buttons = () => all.filter(e => e.tag === 'button')
  .map(b => ({ label: b.parent?.parent?.id || b.parent?.id || '', disabled: b.disabled }));
async function fetch(url, options) {
  log.requests.push({ url, method: options.method, headers: options.headers, body: String(options.body ?? ''), buttons: buttons() });
  const reply = replies.shift();
  if (!reply) throw new TypeError('network error');
  return { ok: reply.status >= 200 && reply.status < 300, status: reply.status, json: async () => JSON.parse(reply.body) };
}

Object.assign(globalThis, { document, fetch, FormData });
(async () => {
  const script = /<script>([\s\S]*?)<\/script>/.exec(input.html)[1];
  vm.runInThisContext(script);
  const form = document.getElementById('f');
  await form.listeners.submit({ preventDefault() {} });
  if (input.clickNext) await document.getElementById('next').querySelector('button').listeners.click({});
  const result = document.getElementById('result');
  process.stdout.write(JSON.stringify({
    resultText: result.textContent,
    resultClass: result.className,
    errors: Object.fromEntries(all.filter(e => e.dataset.for && e.textContent).map(e => [e.dataset.for, e.textContent])),
    focused: log.focused,
    scrolled: log.scrolled,
    requests: log.requests,
    buttons: buttons(),
    hidden: Object.fromEntries(all.filter(e => e.id).map(e => [e.id, e.hidden])),
    invalid: all.filter(e => e.attrs['aria-invalid'] === 'true').map(e => e.id),
    fields: Object.fromEntries(all.filter(e => e.name && ['input', 'select', 'textarea'].includes(e.tag)).map(e => [e.name, {
      value: e.value,
      invalid: e.attrs['aria-invalid'] ?? null,
      describedBy: e.attrs['aria-describedby'] ? document.getElementById(e.attrs['aria-describedby'])?.textContent ?? null : null,
    }])),
  }));
})().catch(e => { process.stderr.write(String(e.stack ?? e)); process.exit(1); });
