// Small DOM helpers: every text goes in as text, never as HTML (resource names and tags are user input).
const SVG = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on')) {
      element.addEventListener(k.slice(2), v);
    } else {
      element.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c !== undefined && c !== null && c !== false) {
      element.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  return element;
}

/** h('a', {href: '#/'}, 'text', child …) */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

/** A table of rows (arrays of cells) under a header. */
export function table(headers, rows, attrs) {
  return h('table', attrs, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

export function pre(value) {
  return h('pre', { class: 'json' }, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.message || String(e));
}
