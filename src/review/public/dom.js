// Small DOM helpers. Text always goes in as text nodes, never as HTML.
import { labels, t } from './messages.js';

/** h('div', { class: 'x', onclick: fn }, 'text', child) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'value') el.value = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Nodes as one fragment: a long list is never spread into a call's arguments. */
export function fragment(nodes) {
  const f = document.createDocumentFragment();
  for (const n of nodes) f.append(n);
  return f;
}

/** Replaces el's children with `children` (nodes, text, arrays of them), never spreading a list into a call. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

let toastTimer = 0;
export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = `toast show ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.className = 'toast';
  }, kind === 'error' ? 6000 : 2600);
}

/** Labels in the interface language (see messages.js). */
export const STATUS_LABEL = labels('status.');
export const LANG_LABEL = labels('lang.');

/** Attributes for a short text by its script: Arabic letters make it Arabic. */
export function scriptAttrs(text) {
  return /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(text ?? '') ? { lang: 'ar', dir: 'rtl' } : { dir: 'auto' };
}

/** Attributes for text in the article's language. */
export function langAttrs(lang) {
  return { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' };
}

export function formatTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Is the keyboard focus in a place where keys type text? */
export function typingTarget(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function progressBar(counts, total) {
  const bar = h('span', { class: 'bar', role: 'img', 'aria-label': t('art.reviewed', { n: total - counts.pending, total }) });
  if (total === 0) {
    bar.classList.add('empty');
    return bar;
  }
  for (const status of ['approved', 'corrected', 'rejected']) {
    if (!counts[status]) continue;
    const part = h('span', { class: `bar-part st-${status}` });
    part.style.width = `${(100 * counts[status]) / total}%`;
    bar.append(part);
  }
  return bar;
}
