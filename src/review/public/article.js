// The article view: the source text, rendered once as flat segments (one <span> per
// stretch of text covered by the same highlights), and the list of quotes beside it.
// A decision changes classes on the segments and re-renders one quote card; only a
// corrected span, which moves highlight boundaries, renders the text again.
import { api, bodyOf } from './api.js';
import { labels, ruleNote, t } from './messages.js';
import { h, fill, toast, STATUS_LABEL, LANG_LABEL, langAttrs, scriptAttrs, formatTime, typingTarget, progressBar } from './dom.js';

const STATUSES = ['pending', 'approved', 'rejected', 'corrected'];
const FILTERS = ['all', ...STATUSES];
const TYPE_LABEL = labels('type.');
const RESOLUTION_LABEL = labels('res.');
const OTHER = '__other__';
const NONE = '__none__';
const AS_EXTRACTED = '__extracted__';

/**
 * How the speaker was found, in words that agree with the attribution rule: a rule that
 * names the speaker explicitly, through a title phrase (وزير الخارجية الروسي سيرغي
 * لافروف), is "named, with title", not "by title" as a title alone would be.
 */
export function resolutionLabel(q) {
  const resolution = q.speaker?.resolution;
  const attribution = q.rule.split(' > ')[1] ?? '';
  if (resolution === 'title' && /(^|[.-])explicit([.-]|$)/.test(attribution)) return t('res.explicit-title');
  return RESOLUTION_LABEL[resolution] ?? resolution;
}

/** Does a message concern a quote: does its span touch the quote, its cue or its speaker's mention? */
function concerns(message, q) {
  if (message.start === undefined) return false;
  const end = message.end ?? message.start + 1;
  const touches = (span) => span && message.start < span.end && span.start < Math.max(end, message.start + 1);
  return touches(q) || touches(q.cue) || touches(q.speaker?.mention);
}

/** Line and column (from 1) of an offset, computed when a message is shown. */
function lineCol(source, offset) {
  let line = 1;
  let last = -1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
    line += 1;
    last = i;
  }
  return `${line}:${offset - last}`;
}

/** Two decisions on one quote differ in status, speaker, span or kind (notes aside). */
function differsFrom(a, b) {
  return (
    a.status !== b.status ||
    (a.speaker?.entityId ?? null) !== (b.speaker?.entityId ?? null) ||
    (a.speaker?.name ?? null) !== (b.speaker?.name ?? null) ||
    a.span?.start !== b.span?.start ||
    a.span?.end !== b.span?.end ||
    (a.kind ?? null) !== (b.kind ?? null)
  );
}

export class ArticleView {
  /**
   * @param {HTMLElement} root
   * @param {any} data the GET /api/articles/:id answer
   * @param {{ history: any[], settings: any, onChange: (view: ArticleView) => void, onSelect: (view: ArticleView) => void }} hooks
   */
  constructor(root, data, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.id = data.article.id;
    this.file = data.article.file;
    this.reviewFile = data.article.reviewFile;
    this.output = data.output;
    this.source = data.source;
    this.lang = data.output.article.lang;
    this.title = data.article.title ?? data.output.article.title;
    this.quotes = data.output.quotes;
    this.quoteById = new Map(this.quotes.map((q) => [q.id, q]));
    this.entities = data.output.entities;
    this.entityById = new Map(this.entities.map((e) => [e.id, e]));
    this.reviews = new Map(data.reviews.map((r) => [r.quoteId, r]));
    this.reviewer = data.reviewer;
    /** Other reviewers' decisions, by quote id. */
    this.others = new Map();
    for (const r of data.others ?? []) this.others.set(r.quoteId, [...(this.others.get(r.quoteId) ?? []), r]);
    this.conflict = null;
    /** Quotes reviewers added (all reviewers'), and the open add form, if any. */
    this.added = data.added ?? [];
    this.adding = null; // { span, cue, kind, speakerChoice, name }
    /** This reviewer's entity corrections, by entity id. */
    this.entityReviews = new Map((data.entityReviews ?? []).map((d) => [d.entityId, d]));
    this.orphaned = data.orphaned;
    /** Warnings and errors of the extraction (info messages are left out). */
    this.warnings = (data.output.messages ?? []).filter((m) => m.severity !== 'info');
    this.warningsByQuote = new Map(this.quotes.map((q) => [q.id, this.warnings.filter((m) => concerns(m, q))]));
    this.reviewError = data.reviewError ?? null;
    this.selected = null;
    this.filter = 'all';
    this.editor = null; // { quoteId, mode: 'correct' | 'note', focus }
    this.noteDrafts = new Map();
    this.segments = [];
    this.destroyed = false;
    this.render();
  }

  destroy() {
    this.destroyed = true;
    this.resizeObserver?.disconnect();
  }

  // ------------------------------------------------------------------ state

  statusOf(quoteId) {
    return this.reviews.get(quoteId)?.status ?? 'pending';
  }

  spanOf(quote) {
    return this.reviews.get(quote.id)?.span ?? quote;
  }

  counts() {
    const counts = { pending: 0, approved: 0, rejected: 0, corrected: 0 };
    for (const q of this.quotes) counts[this.statusOf(q.id)] += 1;
    return counts;
  }

  visibleQuotes() {
    const shown = this.filter === 'all' ? this.quotes : this.quotes.filter((q) => this.statusOf(q.id) === this.filter);
    if (this.hooks.settings.order !== 'uncertain') return shown;
    // Least certain first: quotes with warnings, then by confidence, then in text order.
    const warned = (q) => (this.warningsByQuote.get(q.id)?.length ? 0 : 1);
    return [...shown].sort((a, b) => warned(a) - warned(b) || a.confidence - b.confidence || a.start - b.start);
  }

  /** The speaker as it stands after the reviewer's correction, if any. */
  speakerOf(quote) {
    const review = this.reviews.get(quote.id);
    if (review && review.speaker !== undefined) return { speaker: review.speaker, corrected: true };
    return { speaker: quote.speaker, corrected: false };
  }

  // ------------------------------------------------------------------ rendering

  render() {
    const { lang } = this;
    this.sourceEl = h('div', { class: 'source', id: 'source', ...langAttrs(lang) });
    this.listEl = h('ol', { class: 'quote-list', 'aria-label': t('side.quotes') });
    this.filtersEl = h('div', { class: 'filters', role: 'toolbar', 'aria-label': t('side.filters') });
    this.orphansEl = h('section', { class: 'orphans' });
    this.addFormEl = h('section', { class: 'add-form', hidden: true, 'aria-label': t('add.title') });
    this.addedEl = h('section', { class: 'added-quotes' });
    const advance = h('input', {
      type: 'checkbox',
      checked: this.hooks.settings.advance,
      onchange: (e) => this.hooks.settings.setAdvance(e.target.checked),
    });
    const counts = this.counts();
    const head = h(
      'div',
      { class: 'article-head' },
      h(
        'div',
        { class: 'meta-line' },
        h('span', { class: `lang-badge lang-${lang}`, title: LANG_LABEL[lang] }, lang.toUpperCase()),
        h('span', { class: 'path', title: t('art.outputFile'), dir: 'ltr' }, this.file),
        h('span', { class: 'dot' }, '·'),
        h('span', null, t('art.chars', { n: this.source.length.toLocaleString() })),
        h('span', { class: 'dot' }, '·'),
        h('span', null, t('art.counts', { q: this.quotes.length, e: this.entities.length })),
      ),
      h('h1', { class: 'article-title', ...langAttrs(lang) }, this.title),
      h(
        'div',
        { class: 'legend', 'aria-hidden': 'true' },
        h('span', { class: 'lg s m m-person' }, t('legend.person')),
        h('span', { class: 'lg s m m-place' }, t('legend.place')),
        h('span', { class: 'lg s m m-organisation' }, t('legend.organisation')),
        h('span', { class: 'lg-sep' }),
        STATUSES.map((s) => h('span', { class: `lg q st-${s} q-first q-last` }, STATUS_LABEL[s])),
        h('span', { class: 'lg-sep' }),
        h('span', { class: 'lg s cue' }, t('legend.cue')),
        h('span', { class: 'lg s bp' }, t('legend.boilerplate')),
      ),
      this.reviewError ? h('p', { class: 'banner error' }, this.reviewError) : null,
      this.warningsBlock(),
      (this.entitiesEl = h('details', { class: 'entities-block' })),
    );
    const side = h(
      'aside',
      { class: 'side', 'aria-label': t('side.label') },
      h(
        'div',
        { class: 'side-head' },
        this.filtersEl,
        h('label', { class: 'advance', title: t('side.advanceTitle') }, advance, t('side.advance')),
        this.orderSelect(),
      ),
      this.addFormEl,
      this.listEl,
      this.addedEl,
      this.orphansEl,
    );
    const reader = h('section', { class: 'reader' }, head, h('div', { class: 'source-card' }, this.sourceEl));
    this.readerEl = reader;
    this.sideEl = side;
    this.layoutEl = h('div', { class: 'article-layout' }, reader, side);
    fill(this.root, this.layoutEl);
    // The filter bar sticks to the top of the pane: scrolling a card into view must
    // stop below it, not under it.
    const sideHead = side.querySelector('.side-head');
    const pad = () => {
      side.style.scrollPaddingTop = `${sideHead.offsetHeight + 8}px`;
    };
    pad();
    this.resizeObserver = new ResizeObserver(pad);
    this.resizeObserver.observe(sideHead);

    this.sourceEl.addEventListener('click', (e) => this.onSourceClick(e));
    this.sourceEl.addEventListener('mouseup', () => this.onSourceMouseUp());
    this.renderSource();
    this.renderFilters(counts);
    this.renderList();
    this.renderOrphans();
    this.renderAdded();
    this.renderEntities();
  }

  orderSelect() {
    const select = h(
      'select',
      { class: 'order-select', 'aria-label': t('side.orderLabel') },
      h('option', { value: 'text' }, t('side.orderText')),
      h('option', { value: 'uncertain' }, t('side.orderUncertain')),
    );
    select.value = this.hooks.settings.order === 'uncertain' ? 'uncertain' : 'text';
    select.addEventListener('change', () => {
      this.hooks.settings.setOrder(select.value);
      this.renderList();
      const first = this.visibleQuotes()[0];
      if (first) this.select(first.id, { scrollText: true });
    });
    return h('label', { class: 'order' }, t('side.order'), select);
  }

  /** The article's warnings, above the text; a click selects the quote a warning concerns. */
  warningsBlock() {
    if (!this.warnings.length) return null;
    return h(
      'details',
      { class: 'warnings', open: true },
      h('summary', null, t('warn.count', { n: this.warnings.length })),
      h(
        'ul',
        null,
        this.warnings.map((m) => {
          const quote = this.quotes.find((q) => concerns(m, q));
          return h(
            'li',
            { class: `msg sev-${m.severity}`, onclick: quote ? () => this.select(quote.id, { scrollText: true }) : null },
            h('span', { class: 'sev' }, m.severity),
            ' ',
            h('span', { dir: 'auto' }, m.reason),
            h('span', { class: 'muted' }, ` (${m.stage}${m.ruleId ? `/${m.ruleId}` : ''})`),
            m.start !== undefined ? h('span', { class: 'muted' }, t('warn.line', { at: lineCol(this.source, m.start) })) : null,
            quote ? h('span', { class: 'muted' }, t('warn.quote', { n: this.quotes.indexOf(quote) + 1 })) : null,
          );
        }),
      ),
    );
  }

  renderSource() {
    const src = this.source;
    const ranges = [];
    for (const b of this.output.boilerplate) ranges.push({ start: b.start, end: b.end, kind: 'bp' });
    for (const e of this.entities) {
      for (const m of e.mentions) ranges.push({ start: m.start, end: m.end, kind: 'm', type: e.type, entityId: e.id });
    }
    for (const q of this.quotes) {
      const span = this.spanOf(q);
      ranges.push({ start: span.start, end: span.end, kind: 'q', id: q.id, len: span.end - span.start });
      if (q.cue) ranges.push({ start: q.cue.start, end: q.cue.end, kind: 'cue', id: q.id });
      if (q.speaker?.mention) ranges.push({ start: q.speaker.mention.start, end: q.speaker.mention.end, kind: 'spk', id: q.id });
    }
    for (const a of this.added) if (!a.stale) ranges.push({ start: a.start, end: a.end, kind: 'add', id: a.id });
    for (const m of this.warnings) {
      if (m.start !== undefined) ranges.push({ start: m.start, end: Math.max(m.end ?? m.start + 1, m.start + 1), kind: 'warn' });
    }
    const points = new Set([0, src.length]);
    for (const r of ranges) {
      r.start = Math.max(0, Math.min(src.length, r.start));
      r.end = Math.max(r.start, Math.min(src.length, r.end));
      points.add(r.start);
      points.add(r.end);
    }
    const sorted = [...points].sort((a, b) => a - b);
    const segments = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const start = sorted[i];
      const end = sorted[i + 1];
      if (end > start) segments.push({ start, end, bp: false, mention: null, quotes: [], cues: [], spk: [], added: null, warn: false, el: null });
    }
    const firstAt = (pos) => {
      let lo = 0;
      let hi = segments.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (segments[mid].start < pos) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (const r of ranges) {
      for (let i = firstAt(r.start); i < segments.length && segments[i].start < r.end; i++) {
        const seg = segments[i];
        if (r.kind === 'bp') seg.bp = true;
        else if (r.kind === 'm') seg.mention ??= r;
        else if (r.kind === 'q') seg.quotes.push(r);
        else if (r.kind === 'cue') seg.cues.push(r.id);
        else if (r.kind === 'spk') seg.spk.push(r.id);
        else if (r.kind === 'add') seg.added ??= r.id;
        else if (r.kind === 'warn') seg.warn = true;
      }
    }
    const fragment = document.createDocumentFragment();
    this.quoteSegments = new Map();
    for (const seg of segments) {
      seg.quotes.sort((a, b) => a.len - b.len);
      seg.el = document.createElement('span');
      seg.el.dataset.s = String(seg.start);
      seg.el.textContent = src.slice(seg.start, seg.end);
      if (seg.added) seg.el.dataset.added = seg.added;
      const inner = seg.quotes[0];
      if (inner) {
        seg.el.dataset.q = inner.id;
        const list = this.quoteSegments.get(inner.id) ?? [];
        list.push(seg);
        this.quoteSegments.set(inner.id, list);
      }
      fragment.append(seg.el);
    }
    // Quotes nested entirely in another quote still need a way to be found.
    for (const seg of segments) {
      for (const r of seg.quotes.slice(1)) {
        if (!this.quoteSegments.has(r.id)) this.quoteSegments.set(r.id, []);
      }
    }
    for (const seg of segments) {
      for (const r of seg.quotes) {
        const list = this.quoteSegments.get(r.id);
        if (list && !list.includes(seg) && r !== seg.quotes[0]) list.push(seg);
      }
    }
    this.segments = segments;
    fill(this.sourceEl, fragment);
    this.paint();
  }

  /** Sets each segment's classes from the current state; touches only segments that change. */
  paint() {
    const sel = this.selected ? this.quoteById.get(this.selected) : null;
    let speakerEntity = null;
    let speakerMentionOf = null;
    if (sel) {
      const { speaker, corrected } = this.speakerOf(sel);
      if (corrected) speakerEntity = speaker?.entityId ?? null;
      else speakerMentionOf = sel.id;
    }
    for (const seg of this.segments) {
      let cls = 's';
      if (seg.bp) cls += ' bp';
      if (seg.mention) cls += ` m m-${seg.mention.type}`;
      const inner = seg.quotes[0];
      if (inner) {
        const span = this.spanOf(this.quoteById.get(inner.id));
        cls += ` q st-${this.statusOf(inner.id)}`;
        if (seg.start === span.start) cls += ' q-first';
        if (seg.end === span.end) cls += ' q-last';
        if (inner.id === this.selected) cls += ' sel';
        else if (seg.quotes.some((r) => r.id === this.selected)) cls += ' sel-outer';
      }
      if (seg.added) cls += ' q-added';
      if (seg.warn) cls += ' warn-span';
      if (seg.cues.length) cls += seg.cues.includes(this.selected) ? ' cue cue-sel' : ' cue';
      if ((speakerMentionOf && seg.spk.includes(speakerMentionOf)) || (speakerEntity && seg.mention?.entityId === speakerEntity)) {
        cls += ' spk-sel';
      }
      if (seg.el.className !== cls) seg.el.className = cls;
    }
  }

  renderFilters(counts = this.counts()) {
    const total = this.quotes.length;
    const chips = FILTERS.map((f, i) =>
      h(
        'button',
        {
          type: 'button',
          class: `chip-filter f-${f}${this.filter === f ? ' on' : ''}`,
          'aria-pressed': String(this.filter === f),
          title: `Show ${f === 'all' ? 'all quotes' : f} (${i + 1})`,
          onclick: () => this.setFilter(f),
        },
        f === 'all' ? t('filter.all') : STATUS_LABEL[f],
        h('span', { class: 'n' }, String(f === 'all' ? total : counts[f])),
      ),
    );
    fill(this.filtersEl, chips);
    this.hooks.onChange(this);
  }

  renderList() {
    const visible = this.visibleQuotes();
    this.cards = new Map();
    if (!this.quotes.length) {
      fill(this.listEl, h('li', { class: 'empty' }, t('q.none')));
      return;
    }
    if (!visible.length) {
      fill(this.listEl, h('li', { class: 'empty' }, t('q.noneFiltered', { status: STATUS_LABEL[this.filter] })));
      return;
    }
    fill(this.listEl, visible.map((q) => this.card(q)));
  }

  /** Re-renders one quote's card in place. */
  updateCard(quoteId) {
    this.layoutEl.classList.toggle('editing', Boolean(this.editor));
    const old = this.cards.get(quoteId);
    const quote = this.quoteById.get(quoteId);
    if (!quote) return;
    const visible = this.filter === 'all' || this.statusOf(quoteId) === this.filter || quoteId === this.selected;
    if (!old || !visible) {
      this.renderList();
      return;
    }
    old.replaceWith(this.card(quote));
  }

  card(q) {
    const status = this.statusOf(q.id);
    const review = this.reviews.get(q.id);
    const selected = q.id === this.selected;
    const number = this.quotes.indexOf(q) + 1;
    const span = this.spanOf(q);
    const kind = review?.kind ?? q.kind;
    const { speaker, corrected } = this.speakerOf(q);
    const conf = Math.round(q.confidence * 100);

    const speakerLine = h(
      'div',
      { class: 'q-speaker' },
      h('span', { class: 'label' }, t('q.speaker')),
      corrected && q.speaker
        ? h('s', { class: 'was', title: t('q.asExtracted'), ...scriptAttrs(q.speaker.name) }, q.speaker.name)
        : null,
      speaker
        ? h('span', { class: `who${corrected ? ' fixed' : ''}`, ...scriptAttrs(speaker.name) }, speaker.name)
        : h('span', { class: `who none${corrected ? ' fixed' : ''}` }, t('q.noSpeaker')),
      !corrected && q.speaker ? h('span', { class: 'res', title: t('title.resolution', { r: q.speaker.resolution }) }, resolutionLabel(q)) : null,
      speaker?.entityId ? h('span', { class: `etype t-${this.entityById.get(speaker.entityId)?.type ?? 'x'}` }, TYPE_LABEL[this.entityById.get(speaker.entityId)?.type] ?? '') : null,
    );
    const li = h(
      'li',
      {
        class: `quote st-${status}${selected ? ' selected' : ''}${review?.saving ? ' saving' : ''}`,
        dataset: { id: q.id, status },
        'aria-current': selected ? 'true' : null,
        onclick: (e) => {
          if (e.target.closest('button, input, select, textarea, a, label, .editor')) return;
          this.select(q.id, { scrollText: true });
        },
      },
      h(
        'div',
        { class: 'q-head' },
        h('span', { class: 'q-num', title: t('title.quoteId', { id: q.id }) }, String(number)),
        h('span', { class: `kind k-${kind}`, title: t('q.kind') }, t(`kind.${kind}`), review?.kind && review.kind !== q.kind ? '*' : ''),
        h('span', { class: `chip st-${status}` }, STATUS_LABEL[status]),
        h(
          'span',
          { class: `conf${q.confidence < 0.5 ? ' low' : ''}`, title: t('title.confidence', { c: q.confidence }) },
          h('span', { class: 'conf-bar' }, h('span', { class: 'conf-fill', style: null })),
          `${conf}%`,
        ),
      ),
      h('p', { class: 'q-text', ...langAttrs(this.lang) }, span.text),
      review?.span ? h('p', { class: 'q-was', ...langAttrs(this.lang) }, h('span', { class: 'label' }, t('q.was')), q.text) : null,
      speakerLine,
      h(
        'div',
        { class: 'q-meta' },
        h('span', { class: 'label' }, t('q.cue')),
        q.cue ? h('span', { class: 'cue-text', ...langAttrs(this.lang) }, q.cue.text) : h('span', { class: 'muted' }, t('q.none.cue')),
        h('span', { class: 'rule', dir: 'ltr', lang: 'en', title: q.rule.split(' > ').map((id) => `${id}: ${ruleNote(id)}`).join('\n') }, q.rule),
      ),
      selected ? h('ul', { class: 'rule-notes' }, ...q.rule.split(' > ').map((id) => h('li', null, h('code', null, id), ' ', ruleNote(id)))) : null,
      (this.warningsByQuote.get(q.id) ?? []).map((m) =>
        h('p', { class: `q-warning sev-${m.severity}` }, h('span', { class: 'sev' }, '⚠ '), h('span', { dir: 'auto' }, m.reason), h('span', { class: 'muted' }, ` (${m.ruleId ?? m.stage})`)),
      ),
      review?.note ? h('p', { class: 'q-note' }, h('span', { class: 'label' }, t('q.note')), review.note) : null,
      this.othersLine(q, review),
      !review?.note && this.noteDrafts.get(q.id) ? h('p', { class: 'q-note draft' }, h('span', { class: 'label' }, t('q.noteDraft')), this.noteDrafts.get(q.id)) : null,
      review && !review.saving && selected
        ? h('p', { class: 'q-when' }, t(review.reviewer ? 'q.decidedBy' : 'q.decided', { status: STATUS_LABEL[status], time: formatTime(review.decidedAt), reviewer: review.reviewer }))
        : null,
      selected ? this.actions(q, status) : null,
      selected && this.editor?.quoteId === q.id ? this.editorFor(q) : null,
    );
    const fill = li.querySelector('.conf-fill');
    if (fill) fill.style.width = `${conf}%`;
    this.cards.set(q.id, li);
    return li;
  }

  /** Other reviewers' decisions on the quote; those that differ from this reviewer's are marked. */
  othersLine(q, review) {
    const others = this.others.get(q.id);
    if (!others?.length) return null;
    return h(
      'div',
      { class: 'q-others' },
      others.map((o) => {
        const differs = !review || differsFrom(o, review);
        return h(
          'p',
          { class: `other${differs ? ' differs' : ''}`, dataset: { reviewer: o.reviewer } },
          h('span', { class: `chip st-${o.status}` }, STATUS_LABEL[o.status]),
          ` ${o.reviewer}`,
          differs && review ? h('b', null, t('q.differs')) : null,
          o.speaker !== undefined ? h('span', { class: 'muted', ...scriptAttrs(o.speaker?.name) }, ` · ${o.speaker?.name ?? t('q.noSpeaker')}`) : null,
          o.note ? h('span', { class: 'muted' }, ` · “${o.note}”`) : null,
        );
      }),
    );
  }

  actions(q, status) {
    const disabled = Boolean(this.reviewError);
    const btn = (label, key, cls, onclick, pressed) =>
      h('button', { type: 'button', class: `btn ${cls}`, onclick, disabled, 'aria-pressed': pressed === undefined ? null : String(pressed) }, label, h('kbd', null, key));
    return h(
      'div',
      { class: 'actions' },
      btn(t('btn.approve'), 'a', 'approve', () => this.approve(q.id), status === 'approved'),
      btn(t('btn.reject'), 'r', 'reject', () => this.reject(q.id), status === 'rejected'),
      btn(t('btn.speaker'), 's', 'ghost', () => this.openEditor(q.id, 'correct', 'speaker')),
      btn(t('btn.span'), 'e', 'ghost', () => this.startSpanCorrection(q.id)),
      btn(t('btn.note'), 'n', 'ghost', () => this.openEditor(q.id, 'note')),
    );
  }

  editorFor(q) {
    return this.editor.mode === 'note' ? this.noteEditor(q) : this.correctionEditor(q);
  }

  noteEditor(q) {
    const review = this.reviews.get(q.id);
    const area = h('textarea', {
      class: 'note-input',
      rows: 3,
      maxlength: 4000,
      placeholder: t('note.placeholder'),
      dir: 'auto',
    });
    area.value = review?.note ?? this.noteDrafts.get(q.id) ?? '';
    const save = () => this.saveNote(q.id, area.value);
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.closeEditor();
      }
    });
    this.editorFocus = area;
    return h(
      'div',
      { class: 'editor' },
      h('label', { class: 'editor-label' }, t('q.note'), area),
      h(
        'div',
        { class: 'editor-buttons' },
        h('button', { type: 'button', class: 'btn primary', onclick: save }, t('btn.saveNote')),
        h('button', { type: 'button', class: 'btn ghost', onclick: () => this.closeEditor() }, t('btn.cancel')),
        !review ? h('span', { class: 'hint' }, t('note.hint')) : null,
      ),
    );
  }

  correctionEditor(q) {
    const review = this.reviews.get(q.id);
    const draft = this.editor.draft;
    const current = this.speakerOf(q);

    // Speaker: one of the article's entities, no speaker, or a typed name.
    const select = h('select', { class: 'speaker-select', 'aria-label': t('q.speaker') });
    select.append(
      h('option', { value: AS_EXTRACTED }, q.speaker ? t('ed.asExtracted', { name: q.speaker.name }) : t('ed.asExtractedNone')),
    );
    const byType = { person: [], organisation: [], place: [] };
    for (const e of this.entities) byType[e.type]?.push(e);
    for (const type of ['person', 'organisation', 'place']) {
      if (!byType[type].length) continue;
      const group = h('optgroup', { label: TYPE_LABEL[type] });
      for (const e of byType[type].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))) {
        const native = this.lang === 'ar' ? e.names.ar?.[0] : null;
        group.append(h('option', { value: e.id }, native ? `${e.name} — ${native}` : e.name));
      }
      select.append(group);
    }
    select.append(h('option', { value: NONE }, t('ed.noSpeaker')), h('option', { value: OTHER }, t('ed.other')));
    const nameInput = h('input', {
      type: 'text',
      class: 'speaker-name',
      placeholder: t('ed.namePlaceholder'),
      dir: 'auto',
      'aria-label': t('ed.nameLabel'),
    });
    if (draft.speakerChoice === undefined) {
      if (review?.speaker === undefined) draft.speakerChoice = AS_EXTRACTED;
      else if (review.speaker === null) draft.speakerChoice = NONE;
      else if (review.speaker.entityId) draft.speakerChoice = review.speaker.entityId;
      else {
        draft.speakerChoice = OTHER;
        draft.name = review.speaker.name;
      }
    }
    select.value = draft.speakerChoice;
    nameInput.value = draft.name ?? '';
    nameInput.hidden = draft.speakerChoice !== OTHER;
    select.addEventListener('change', () => {
      draft.speakerChoice = select.value;
      nameInput.hidden = select.value !== OTHER;
      if (select.value === OTHER) nameInput.focus();
    });
    nameInput.addEventListener('input', () => {
      draft.name = nameInput.value;
    });

    // Span: from the text selected in the article.
    draft.span ??= review?.span ?? null;
    const spanPreview = h('p', { class: 'span-preview', ...langAttrs(this.lang) });
    const spanInfo = h('span', { class: 'hint' });
    const showSpan = () => {
      const span = draft.span ?? q;
      spanPreview.textContent = span.text;
      spanPreview.classList.toggle('changed', Boolean(draft.span) && !(draft.span.start === q.start && draft.span.end === q.end));
      spanInfo.textContent = draft.span
        ? t('ed.spanSet', { start: draft.span.start, end: draft.span.end })
        : t('ed.spanHint');
    };
    showSpan();
    this.showDraftSpan = (span) => {
      draft.span = span;
      showSpan();
    };

    const kindSelect = h('select', { class: 'kind-select', 'aria-label': t('q.kind') }, ['direct', 'indirect', 'mixed'].map((k) => h('option', { value: k }, t(`kind.${k}`))));
    kindSelect.value = draft.kind ?? review?.kind ?? q.kind;
    kindSelect.addEventListener('change', () => {
      draft.kind = kindSelect.value;
    });

    const save = () => this.saveCorrection(q.id, { select, nameInput, kindSelect });
    const onKey = (e) => {
      if (e.key === 'Enter' && !e.isComposing) {
        e.preventDefault();
        save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.closeEditor();
      }
    };
    for (const el of [select, nameInput, kindSelect]) el.addEventListener('keydown', onKey);
    this.editorFocus = this.editor.focus === 'span' ? null : select;

    return h(
      'div',
      { class: 'editor correction' },
      h('div', { class: 'editor-row' }, h('span', { class: 'editor-label' }, t('q.speaker')), h('div', { class: 'editor-field' }, select, nameInput)),
      h(
        'div',
        { class: 'editor-row' },
        h('span', { class: 'editor-label' }, t('q.span')),
        h(
          'div',
          { class: 'editor-field' },
          spanPreview,
          h(
            'div',
            { class: 'span-tools' },
            spanInfo,
            h('button', { type: 'button', class: 'btn small ghost', onclick: () => this.showDraftSpan(null) }, t('btn.reset')),
          ),
        ),
      ),
      h('div', { class: 'editor-row' }, h('span', { class: 'editor-label' }, t('q.kind')), h('div', { class: 'editor-field' }, kindSelect)),
      h(
        'div',
        { class: 'editor-buttons' },
        h('button', { type: 'button', class: 'btn primary', onclick: save }, t('btn.saveCorrection'), h('kbd', null, '↵')),
        h('button', { type: 'button', class: 'btn ghost', onclick: () => this.closeEditor() }, t('btn.cancel'), h('kbd', null, 'esc')),
      ),
    );
  }

  // ------------------------------------------------------------------ added quotes

  /** Opens the form to add the quote selected in the text (key q). */
  startAdding() {
    if (this.reviewError) {
      toast(t('toast.invalidFile'), 'error');
      return;
    }
    const span = this.selectionSpan();
    if (!span) {
      toast(t('toast.selectMissed'));
      return;
    }
    this.closeEditor();
    this.adding = { span, cue: null, kind: 'direct', speakerChoice: NONE, name: '' };
    this.renderAddForm();
  }

  /** While the add form is open, the text selected in the article becomes its cue (key c). */
  takeCue() {
    if (!this.adding) return false;
    const span = this.selectionSpan();
    if (!span) {
      toast(t('toast.selectCue'));
      return true;
    }
    this.adding.cue = span;
    this.renderAddForm();
    return true;
  }

  renderAddForm() {
    const form = this.adding;
    if (!form) {
      this.addFormEl.hidden = true;
      this.addFormEl.replaceChildren();
      this.layoutEl.classList.toggle('editing', Boolean(this.editor));
      return;
    }
    const kind = h('select', { class: 'kind-select', 'aria-label': t('q.kind') }, ['direct', 'indirect', 'mixed'].map((k) => h('option', { value: k }, t(`kind.${k}`))));
    kind.value = form.kind;
    kind.addEventListener('change', () => (form.kind = kind.value));
    const speaker = this.speakerSelect(null, t('ed.noSpeaker'));
    speaker.value = form.speakerChoice;
    const name = h('input', { type: 'text', class: 'speaker-name', placeholder: t('ed.nameLabel'), dir: 'auto', 'aria-label': t('ed.nameLabel') });
    name.value = form.name;
    name.hidden = form.speakerChoice !== OTHER;
    speaker.addEventListener('change', () => {
      form.speakerChoice = speaker.value;
      name.hidden = speaker.value !== OTHER;
      if (speaker.value === OTHER) name.focus();
    });
    name.addEventListener('input', () => (form.name = name.value));
    const save = () => void this.saveAdded();
    const onKey = (e) => {
      if (e.key === 'Enter' && !e.isComposing) {
        e.preventDefault();
        save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.cancelAdding();
      }
    };
    for (const el of [kind, speaker, name]) el.addEventListener('keydown', onKey);
    this.addFormEl.hidden = false;
    fill(this.addFormEl, 
      h('h2', null, t('add.title')),
      h('p', { class: 'span-preview', ...langAttrs(this.lang) }, form.span.text),
      h(
        'div',
        { class: 'editor correction' },
        h('div', { class: 'editor-row' }, h('span', { class: 'editor-label' }, t('q.speaker')), h('div', { class: 'editor-field' }, speaker, name)),
        h(
          'div',
          { class: 'editor-row' },
          h('span', { class: 'editor-label' }, t('q.cue')),
          h(
            'div',
            { class: 'editor-field' },
            form.cue ? h('span', { class: 'cue-text', ...langAttrs(this.lang) }, form.cue.text) : h('span', { class: 'muted' }, t('q.none.cue')),
            h('span', { class: 'hint' }, t('add.cueHint')),
          ),
        ),
        h('div', { class: 'editor-row' }, h('span', { class: 'editor-label' }, t('q.kind')), h('div', { class: 'editor-field' }, kind)),
        h(
          'div',
          { class: 'editor-buttons' },
          h('button', { type: 'button', class: 'btn primary', onclick: save }, t('btn.addQuote'), h('kbd', null, '↵')),
          h('button', { type: 'button', class: 'btn ghost', onclick: () => this.cancelAdding() }, t('btn.cancel'), h('kbd', null, 'esc')),
        ),
      ),
    );
    this.layoutEl.classList.add('editing');
    this.addFormEl.scrollIntoView({ block: 'nearest' });
    speaker.focus({ preventScroll: true });
  }

  cancelAdding() {
    this.adding = null;
    this.renderAddForm();
  }

  /** A select of the article's entities, grouped by type, plus no speaker and a typed name. */
  speakerSelect(firstOption, noneLabel) {
    const select = h('select', { class: 'speaker-select', 'aria-label': t('q.speaker') });
    if (firstOption) select.append(firstOption);
    const byType = { person: [], organisation: [], place: [] };
    for (const e of this.entities) byType[e.type]?.push(e);
    for (const type of ['person', 'organisation', 'place']) {
      if (!byType[type].length) continue;
      const group = h('optgroup', { label: TYPE_LABEL[type] });
      for (const e of byType[type].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))) {
        const native = this.lang === 'ar' ? e.names.ar?.[0] : null;
        group.append(h('option', { value: e.id }, native ? `${e.name} — ${native}` : e.name));
      }
      select.append(group);
    }
    select.append(h('option', { value: NONE }, noneLabel), h('option', { value: OTHER }, t('ed.other')));
    return select;
  }

  async saveAdded() {
    const form = this.adding;
    if (!form) return;
    let speaker = null;
    if (form.speakerChoice === OTHER) {
      const name = form.name.trim();
      if (!name) {
        toast(t('toast.typeName'), 'error');
        return;
      }
      speaker = { entityId: null, name };
    } else if (form.speakerChoice !== NONE) {
      const entity = this.entityById.get(form.speakerChoice);
      if (entity) speaker = { entityId: entity.id, name: entity.name };
    }
    const body = { start: form.span.start, end: form.span.end, kind: form.kind, speaker, cue: form.cue ? { start: form.cue.start, end: form.cue.end } : null };
    try {
      const added = await api.addQuote(this.id, body);
      this.added.push(added);
      this.adding = null;
      window.getSelection()?.removeAllRanges();
      this.renderAddForm();
      this.renderSource();
      this.renderAdded();
      this.hooks.onChange(this);
      toast(t('toast.added', { id: added.id }));
    } catch (err) {
      toast(t('toast.notAdded', { error: err.message }), 'error');
    }
  }

  async removeAdded(added) {
    try {
      await api.deleteAdded(this.id, added.id, added.version);
      this.added = this.added.filter((a) => a !== added);
      this.renderSource();
      this.renderAdded();
      this.hooks.onChange(this);
      toast(t('toast.addedRemoved', { id: added.id }));
    } catch (err) {
      if (err.status === 409) this.showConflict(null, err);
      else toast(t('toast.notRemoved', { error: err.message }), 'error');
    }
  }

  // ------------------------------------------------------------------ entities

  /** The article's entities, each with its correction controls: type, same as, not an entity. */
  renderEntities() {
    const open = this.entitiesEl.open;
    const decided = this.entityReviews.size;
    fill(this.entitiesEl, 
      h('summary', null, t('ent.summary', { n: this.entities.length }), decided ? t('ent.corrected', { n: decided }) : ''),
      h(
        'table',
        { class: 'entity-table' },
        h(
          'tbody',
          null,
          this.entities.map((e) => {
            const d = this.entityReviews.get(e.id);
            const type = h('select', { class: 'entity-type', 'aria-label': t('ent.typeOf', { name: e.name }) }, ['person', 'place', 'organisation'].map((type) => h('option', { value: type }, TYPE_LABEL[type])));
            type.value = d?.action === 'retype' ? d.type : e.type;
            type.addEventListener('change', () => {
              if (type.value === e.type) void this.undoEntity(e);
              else void this.decideEntity(e, { action: 'retype', type: type.value });
            });
            const merge = h(
              'select',
              { class: 'entity-merge', 'aria-label': t('ent.sameAsLabel', { name: e.name }) },
              h('option', { value: '' }, t('ent.sameAs')),
              this.entities.filter((o) => o.id !== e.id).map((o) => h('option', { value: o.id }, o.name)),
            );
            merge.value = d?.action === 'merge' ? d.into : '';
            merge.addEventListener('change', () => {
              if (!merge.value) void this.undoEntity(e);
              else void this.decideEntity(e, { action: 'merge', into: merge.value });
            });
            const native = e.names.ar?.[0];
            return h(
              'tr',
              { class: `entity-row${d ? ` decided act-${d.action}` : ''}`, dataset: { entityId: e.id } },
              h('td', null, h('span', { class: `etype t-${e.type}` }, TYPE_LABEL[e.type]), ' ', h('b', null, e.name), native ? h('span', { class: 'muted', lang: 'ar', dir: 'rtl' }, ` ${native}`) : null, h('span', { class: 'muted' }, ` ×${e.mentions.length}`)),
              h('td', null, type),
              h('td', null, merge),
              h(
                'td',
                null,
                d?.action === 'false'
                  ? h('button', { type: 'button', class: 'btn small ghost', onclick: () => this.undoEntity(e) }, t('btn.isEntity'))
                  : h('button', { type: 'button', class: 'btn small reject', onclick: () => this.decideEntity(e, { action: 'false' }) }, t('btn.notEntity')),
              ),
            );
          }),
        ),
      ),
    );
    this.entitiesEl.open = open;
  }

  async decideEntity(entity, body) {
    const before = this.entityReviews.get(entity.id);
    try {
      const saved = await api.putEntityReview(this.id, entity.id, { ...body, baseVersion: before?.version ?? 0 });
      this.entityReviews.set(entity.id, saved);
      toast(t(body.action === 'false' ? 'toast.entityFalse' : body.action === 'retype' ? 'toast.entityRetyped' : 'toast.entityMerged', { name: entity.name, type: TYPE_LABEL[body.type ?? entity.type] }));
    } catch (err) {
      if (err.status === 409) this.showConflict(null, err);
      else toast(t('toast.notSaved', { error: err.message }), 'error');
    }
    this.renderEntities();
  }

  async undoEntity(entity) {
    const before = this.entityReviews.get(entity.id);
    if (!before) return;
    try {
      await api.deleteEntityReview(this.id, entity.id, before.version);
      this.entityReviews.delete(entity.id);
      toast(t('toast.entityUndone', { name: entity.name }));
    } catch (err) {
      toast(t('toast.notSaved', { error: err.message }), 'error');
    }
    this.renderEntities();
  }

  renderAdded() {
    if (!this.added.length) {
      this.addedEl.hidden = true;
      this.addedEl.replaceChildren();
      return;
    }
    this.addedEl.hidden = false;
    fill(this.addedEl, 
      h('h2', null, t('add.section', { n: this.added.length })),
      this.added.map((a) =>
        h(
          'div',
          { class: `added-quote${a.stale ? ' stale' : ''}`, dataset: { addedId: a.id } },
          h(
            'div',
            { class: 'q-head' },
            h('span', { class: 'q-num' }, a.id),
            h('span', { class: `kind k-${a.kind}` }, t(`kind.${a.kind}`)),
            h('span', { class: 'chip st-added' }, t('add.chip')),
            h('span', { class: 'muted' }, t('add.by', { reviewer: a.reviewer })),
            a.stale ? h('span', { class: 'warn' }, t('add.stale')) : null,
          ),
          h('p', { class: 'q-text', ...langAttrs(this.lang) }, a.text),
          h(
            'div',
            { class: 'q-speaker' },
            h('span', { class: 'label' }, t('q.speaker')),
            a.speaker ? h('span', { class: 'who', ...scriptAttrs(a.speaker.name) }, a.speaker.name) : h('span', { class: 'who none' }, t('q.noSpeaker')),
          ),
          h('div', { class: 'q-meta' }, h('span', { class: 'label' }, t('q.cue')), a.cue ? h('span', { class: 'cue-text', ...langAttrs(this.lang) }, a.cue.text) : h('span', { class: 'muted' }, t('q.none.cue'))),
          a.reviewer === this.reviewer ? h('button', { type: 'button', class: 'btn small ghost', onclick: () => this.removeAdded(a) }, t('btn.remove')) : null,
        ),
      ),
    );
  }

  renderOrphans() {
    if (!this.orphaned.length) {
      this.orphansEl.replaceChildren();
      this.orphansEl.hidden = true;
      return;
    }
    this.orphansEl.hidden = false;
    fill(this.orphansEl, 
      h('h2', null, t('orph.title', { n: this.orphaned.length })),
      h(
        'p',
        { class: 'hint' },
        t('orph.hint'),
      ),
      this.orphaned.map((o) =>
        h(
          'div',
          { class: `orphan st-${o.status}` },
          h(
            'div',
            { class: 'q-head' },
            h('span', { class: `chip st-${o.status}` }, STATUS_LABEL[o.status]),
            h('span', { class: 'muted' }, t('orph.was', { id: o.quoteId, start: o.quote.start, end: o.quote.end })),
            h('span', { class: 'muted' }, formatTime(o.decidedAt)),
          ),
          h('p', { class: 'q-text', ...langAttrs(this.lang) }, o.span?.text ?? o.quote.text),
          o.speaker !== undefined ? h('p', { class: 'q-meta' }, h('span', { class: 'label' }, t('q.speaker')), h('span', scriptAttrs(o.speaker?.name), o.speaker?.name ?? t('q.noSpeaker'))) : null,
          o.note ? h('p', { class: 'q-note' }, h('span', { class: 'label' }, t('q.note')), o.note) : null,
          h('button', { type: 'button', class: 'btn small ghost', onclick: () => this.dismissOrphan(o) }, t('btn.dismiss')),
        ),
      ),
    );
  }

  // ------------------------------------------------------------------ selection

  select(quoteId, { scrollText = false, scrollList = true } = {}) {
    if (!quoteId || !this.quoteById.has(quoteId)) return;
    const previous = this.selected;
    if (previous !== quoteId && this.editor) this.editor = null;
    this.selected = quoteId;
    if (previous && previous !== quoteId) this.updateCard(previous);
    this.updateCard(quoteId);
    this.paint();
    if (scrollText) this.scrollTextTo(quoteId);
    if (scrollList) this.cards.get(quoteId)?.scrollIntoView({ block: 'nearest', behavior: this.behavior() });
    this.hooks.onSelect(this);
  }

  behavior() {
    return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  }

  scrollTextTo(quoteId) {
    const first = this.quoteSegments.get(quoteId)?.[0];
    if (!first) return;
    const box = first.el.getBoundingClientRect();
    const view = this.readerEl.getBoundingClientRect();
    if (box.top < view.top + 80 || box.bottom > view.bottom - 80) {
      first.el.scrollIntoView({ block: 'center', behavior: this.behavior() });
    }
  }

  move(delta) {
    const visible = this.visibleQuotes();
    if (!visible.length) return;
    const at = visible.findIndex((q) => q.id === this.selected);
    let next;
    if (at < 0) next = delta > 0 ? visible[0] : visible[visible.length - 1];
    else next = visible[at + delta];
    if (!next) {
      toast(t(delta > 0 ? 'toast.lastQuote' : 'toast.firstQuote'));
      return;
    }
    this.select(next.id, { scrollText: true });
  }

  setFilter(filter) {
    this.filter = filter;
    this.renderFilters();
    this.renderList();
    const visible = this.visibleQuotes();
    if (visible.length && !visible.some((q) => q.id === this.selected)) this.select(visible[0].id, { scrollText: true });
  }

  onSourceClick(event) {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const seg = event.target.closest?.('[data-q]');
    if (!seg) {
      const added = event.target.closest?.('[data-added]');
      if (added) this.addedEl.querySelector(`[data-added-id="${added.dataset.added}"]`)?.scrollIntoView({ block: 'nearest' });
      return;
    }
    this.select(seg.dataset.q, { scrollText: false });
  }

  onSourceMouseUp() {
    if (this.editor?.mode !== 'correct' || !this.showDraftSpan) return;
    const span = this.selectionSpan();
    if (span) this.showDraftSpan(span);
  }

  /** Source offsets of the text selected in the article, trimmed of white space. */
  selectionSpan() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    let start = this.offsetOf(range.startContainer, range.startOffset);
    let end = this.offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    if (start > end) [start, end] = [end, start];
    while (start < end && /\s/.test(this.source[start])) start++;
    while (end > start && /\s/.test(this.source[end - 1])) end--;
    if (start >= end) return null;
    return { start, end, text: this.source.slice(start, end) };
  }

  offsetOf(node, offset) {
    if (!this.sourceEl.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      const seg = node.parentElement?.closest('[data-s]');
      return seg ? Number(seg.dataset.s) + offset : null;
    }
    if (node === this.sourceEl) {
      const child = node.childNodes[offset];
      return child ? Number(child.dataset.s) : this.source.length;
    }
    const seg = node.closest?.('[data-s]');
    if (!seg) return null;
    return offset === 0 ? Number(seg.dataset.s) : Number(seg.dataset.s) + seg.textContent.length;
  }

  // ------------------------------------------------------------------ editors

  openEditor(quoteId, mode, focus) {
    if (this.reviewError) {
      toast(t('toast.invalidFile'), 'error');
      return;
    }
    if (quoteId !== this.selected) this.select(quoteId, { scrollText: true });
    this.editor = { quoteId, mode, focus, draft: {} };
    this.showDraftSpan = null;
    this.updateCard(quoteId);
    this.editorFocus?.focus({ preventScroll: true });
    // The card's head first, then its buttons: both in view when the pane is tall enough.
    const card = this.cards.get(quoteId);
    card?.querySelector('.editor-buttons')?.scrollIntoView({ block: 'nearest' });
    card?.querySelector('.q-head')?.scrollIntoView({ block: 'nearest' });
  }

  closeEditor() {
    const id = this.editor?.quoteId;
    this.editor = null;
    this.showDraftSpan = null;
    if (id) this.updateCard(id);
    this.layoutEl.classList.remove('editing');
  }

  startSpanCorrection(quoteId) {
    const span = this.selectionSpan();
    this.openEditor(quoteId, 'correct', 'span');
    if (span && this.showDraftSpan) this.showDraftSpan(span);
    else toast(t('toast.selectSpan'));
  }

  /** Word spans of the source, for moving a span's ends by word (computed once). */
  words() {
    if (!this.wordSpans) {
      this.wordSpans = [];
      const segmenter = new Intl.Segmenter(this.lang, { granularity: 'word' });
      for (const part of segmenter.segment(this.source)) {
        if (part.isWordLike) this.wordSpans.push({ start: part.index, end: part.index + part.segment.length });
      }
    }
    return this.wordSpans;
  }

  /**
   * Moves one end of the span being corrected by a word. Arrows follow the article's
   * direction: in Arabic, ← goes later in the text. Opens the span form when needed.
   */
  nudgeSpan(edge, arrow) {
    if (!this.selected) return false;
    if (this.editor?.mode !== 'correct' || this.editor.quoteId !== this.selected) this.openEditor(this.selected, 'correct', 'span');
    if (!this.showDraftSpan) return false;
    const q = this.quoteById.get(this.selected);
    const current = this.editor.draft.span ?? this.reviews.get(q.id)?.span ?? q;
    const later = (arrow === 'ArrowRight') !== (this.lang === 'ar');
    const words = this.words();
    let { start, end } = current;
    if (edge === 'end') {
      const w = later ? words.find((x) => x.end > end) : words.findLast((x) => x.end < end && x.end > start);
      if (w) end = w.end;
    } else {
      const w = later ? words.find((x) => x.start > start && x.start < end) : words.findLast((x) => x.start < start);
      if (w) start = w.start;
    }
    if (start === current.start && end === current.end) return true;
    this.showDraftSpan({ start, end, text: this.source.slice(start, end) });
    return true;
  }

  saveNote(quoteId, text) {
    const note = text.trim();
    const review = this.reviews.get(quoteId);
    this.editor = null;
    if (!review) {
      if (note) this.noteDrafts.set(quoteId, note);
      else this.noteDrafts.delete(quoteId);
      this.updateCard(quoteId);
      if (note) toast(t('toast.noteKept'));
      return;
    }
    const body = bodyOf(review);
    if (note) body.note = note;
    else delete body.note;
    this.commit(quoteId, body, t(note ? 'toast.noteSaved' : 'toast.noteRemoved'), { advance: false });
  }

  saveCorrection(quoteId, { select, nameInput, kindSelect }) {
    const q = this.quoteById.get(quoteId);
    const draft = this.editor.draft;
    const body = { status: 'corrected' };
    const choice = select.value;
    if (choice === NONE) {
      if (q.speaker) body.speaker = null;
    } else if (choice === OTHER) {
      const name = nameInput.value.trim();
      if (!name) {
        toast(t('toast.typeName'), 'error');
        nameInput.focus();
        return;
      }
      const entity = this.entities.find((e) => e.name === name || e.names.ar?.includes(name) || e.names.en?.includes(name));
      body.speaker = entity ? { entityId: entity.id, name: entity.name } : { entityId: null, name };
    } else if (choice !== AS_EXTRACTED) {
      const entity = this.entityById.get(choice);
      if (entity && entity.id !== q.speaker?.entityId) body.speaker = { entityId: entity.id, name: entity.name };
    }
    if (draft.span && !(draft.span.start === q.start && draft.span.end === q.end)) {
      body.start = draft.span.start;
      body.end = draft.span.end;
    }
    if (kindSelect.value !== q.kind) body.kind = kindSelect.value;
    if (body.speaker === undefined && body.start === undefined && body.kind === undefined) {
      toast(t('toast.nothingDiffers'), 'error');
      return;
    }
    const note = this.reviews.get(quoteId)?.note ?? this.noteDrafts.get(quoteId);
    if (note) body.note = note;
    this.editor = null;
    this.showDraftSpan = null;
    window.getSelection()?.removeAllRanges();
    this.commit(quoteId, body, t('toast.correctionSaved'), { advance: true });
  }

  // ------------------------------------------------------------------ decisions

  /**
   * Approves the quote. A corrected quote keeps its correction (a correction is a
   * decision): `a` then only moves on; `A` approves it as extracted, dropping the correction.
   */
  approve(quoteId = this.selected, { asExtracted = false } = {}) {
    if (!quoteId) return;
    const review = this.reviews.get(quoteId);
    if (review?.status === 'corrected' && !asExtracted) {
      toast(t('toast.correctionKept'));
      if (this.hooks.settings.advance) this.advanceFrom(quoteId);
      return;
    }
    const body = { status: 'approved' };
    const note = review?.note ?? this.noteDrafts.get(quoteId);
    if (note) body.note = note;
    const label = review?.status === 'corrected' ? t('toast.approvedAsExtracted') : STATUS_LABEL.approved;
    this.commit(quoteId, body, label, { advance: true });
  }

  /** Selects the quote after `quoteId` in the visible list, if any. */
  advanceFrom(quoteId) {
    const visible = this.visibleQuotes();
    const at = visible.findIndex((q) => q.id === quoteId);
    const next = at >= 0 ? visible[at + 1] : null;
    if (next) this.select(next.id, { scrollText: true });
  }

  reject(quoteId = this.selected) {
    if (!quoteId) return;
    const body = { status: 'rejected' };
    const note = this.reviews.get(quoteId)?.note ?? this.noteDrafts.get(quoteId);
    if (note) body.note = note;
    this.commit(quoteId, body, STATUS_LABEL.rejected, { advance: true });
  }

  localRecord(quote, body) {
    const record = {
      quoteId: quote.id,
      quote: { start: quote.start, end: quote.end, text: quote.text },
      status: body.status,
      decidedAt: new Date().toISOString(),
      saving: true,
    };
    if (body.speaker !== undefined) record.speaker = body.speaker;
    if (body.start !== undefined) record.span = { start: body.start, end: body.end, text: this.source.slice(body.start, body.end) };
    if (body.kind) record.kind = body.kind;
    if (body.note) record.note = body.note;
    return record;
  }

  /** Shows the change at once, then stores it; a failed save puts the quote back as it was. */
  async commit(quoteId, body, label, { advance }) {
    if (this.reviewError) {
      toast(t('toast.invalidFile'), 'error');
      return;
    }
    const quote = this.quoteById.get(quoteId);
    const before = this.reviews.get(quoteId) ?? null;
    const local = this.localRecord(quote, body);
    const visible = this.visibleQuotes();
    const at = visible.findIndex((q) => q.id === quoteId);
    const next = advance && this.hooks.settings.advance && at >= 0 ? visible[at + 1] : null;
    const entry = { articleId: this.id, quoteId, before, after: undefined };
    body.baseVersion = before?.version ?? 0;
    local.version = body.baseVersion + 1;
    this.hooks.history.push(entry);
    this.setRecord(quoteId, local);
    if (body.note) this.noteDrafts.delete(quoteId);
    if (next) this.select(next.id, { scrollText: true });
    toast(t('toast.decision', { label, n: this.quotes.indexOf(quote) + 1 }));
    try {
      const saved = await api.putReview(this.id, quoteId, body);
      entry.after = saved.version;
      if (this.reviews.get(quoteId) === local) this.setRecord(quoteId, saved);
    } catch (err) {
      const i = this.hooks.history.lastIndexOf(entry);
      if (i >= 0) this.hooks.history.splice(i, 1);
      if (this.reviews.get(quoteId) === local) this.setRecord(quoteId, before);
      if (err.status === 409) this.showConflict(quoteId, err);
      else toast(t('toast.notSaved', { error: err.message }), 'error');
    }
  }

  /** A save was based on a stale version: say so above the article and offer to reload. */
  showConflict(quoteId, err) {
    const number = quoteId ? this.quotes.findIndex((q) => q.id === quoteId) + 1 : 0;
    this.conflict = { quoteId, message: err.message };
    const banner = h(
      'div',
      { class: 'banner error conflict', role: 'alert' },
      h('span', null, t('conflict', { what: number ? t('conflict.quote', { n: number }) : t('conflict.this'), now: err.current?.status ? t('conflict.now', { status: STATUS_LABEL[err.current.status].toLowerCase() }) : '' })),
      h('button', { type: 'button', class: 'btn small primary', onclick: () => this.hooks.reload?.(this) }, t('btn.reload')),
    );
    this.conflictEl?.remove();
    this.conflictEl = banner;
    this.root.querySelector('.article-head')?.append(banner);
    banner.scrollIntoView({ block: 'nearest' });
  }

  /** Undoes one decision of this article: the quote gets back the decision it had before. */
  async undo(entry) {
    const now = this.reviews.get(entry.quoteId) ?? null;
    const restored = entry.before ? { ...entry.before, saving: true } : null;
    this.setRecord(entry.quoteId, restored);
    if (this.filter !== 'all' && this.statusOf(entry.quoteId) !== this.filter) this.setFilter('all');
    this.select(entry.quoteId, { scrollText: true });
    const number = this.quotes.findIndex((q) => q.id === entry.quoteId) + 1;
    try {
      if (entry.before) {
        const saved = await api.putReview(this.id, entry.quoteId, bodyOf(entry.before, now?.version ?? entry.after));
        if (this.reviews.get(entry.quoteId) === restored) this.setRecord(entry.quoteId, saved);
      } else {
        await api.deleteReview(this.id, entry.quoteId, now?.version ?? entry.after);
      }
      toast(t('toast.undone', { n: number, status: STATUS_LABEL[entry.before?.status ?? 'pending'].toLowerCase() }));
    } catch (err) {
      if (this.reviews.get(entry.quoteId) === restored) this.setRecord(entry.quoteId, now);
      if (err.status === 409) {
        this.showConflict(entry.quoteId, err);
        return;
      }
      this.hooks.history.push(entry);
      toast(t('toast.undoFailed', { error: err.message }), 'error');
    }
  }

  setRecord(quoteId, record) {
    const quote = this.quoteById.get(quoteId);
    const oldSpan = this.spanOf(quote);
    if (record) this.reviews.set(quoteId, record);
    else this.reviews.delete(quoteId);
    const newSpan = this.spanOf(quote);
    if (oldSpan.start !== newSpan.start || oldSpan.end !== newSpan.end) this.renderSource();
    else this.paint();
    this.updateCard(quoteId);
    this.renderFilters();
  }

  async dismissOrphan(orphan) {
    try {
      await api.dismissOrphan(this.id, orphan);
      this.orphaned = this.orphaned.filter((o) => o !== orphan);
      this.renderOrphans();
      this.hooks.onChange(this);
      toast(t('toast.orphanDismissed'));
    } catch (err) {
      toast(t('toast.notDismissed', { error: err.message }), 'error');
    }
  }

  // ------------------------------------------------------------------ keyboard

  /** Handles a key of the article view; returns true when it did something. */
  key(event) {
    if (typingTarget(event.target)) return false;
    const k = event.key;
    if (k === 'Escape' && this.editor) {
      this.closeEditor();
      return true;
    }
    if (k === 'Escape' && this.adding) {
      this.cancelAdding();
      return true;
    }
    if (k === 'q') {
      this.startAdding();
      return true;
    }
    if (k === 'c' && this.adding) return this.takeCue();
    if (k === 'Enter' && this.adding) {
      void this.saveAdded();
      return true;
    }
    if (k === 'j') this.move(1);
    else if (k === 'k') this.move(-1);
    else if (k === 'a') this.selected ? this.approve() : this.move(1);
    else if (k === 'A' && this.selected) this.approve(this.selected, { asExtracted: true });
    else if (k === 'r') this.selected ? this.reject() : this.move(1);
    else if (k === 's' && this.selected) this.openEditor(this.selected, 'correct', 'speaker');
    else if (k === 'e' && this.selected) this.startSpanCorrection(this.selected);
    else if (k === 'n' && this.selected) this.openEditor(this.selected, 'note');
    else if (k === 'Enter' && this.editor?.mode === 'correct') this.cards.get(this.selected)?.querySelector('.editor .btn.primary')?.click();
    else if (/^[1-5]$/.test(k)) this.setFilter(FILTERS[Number(k) - 1]);
    else return false;
    return true;
  }

  summary() {
    return { counts: this.counts(), total: this.quotes.length, orphaned: this.orphaned.length };
  }
}

export { progressBar };
