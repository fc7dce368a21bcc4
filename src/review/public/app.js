// isnad review: routing (#/ the article list, #/a/<id>[/<quote id>] an article),
// the article list, the keyboard and undo.
import { api, bodyOf } from './api.js';
import { ArticleView } from './article.js';
import { h, fill, toast, LANG_LABEL, langAttrs, typingTarget, progressBar } from './dom.js';
import { KEYS, chooseUiLang, keyJoin, saveUiLang, t, uiLang } from './messages.js';

const listRoot = document.getElementById('list-view');
const articleRoot = document.getElementById('article-view');
const crumbs = document.getElementById('crumbs');
const topProgress = document.getElementById('top-progress');
const help = document.getElementById('help');

/** Decisions made in this page session, newest last: { articleId, quoteId, before }. */
const undoStack = [];

const settings = {
  advance: localStorage.getItem('isnad-review.advance') !== 'false',
  setAdvance(on) {
    settings.advance = on;
    localStorage.setItem('isnad-review.advance', String(on));
  },
  /** 'text' or 'uncertain' (quotes with warnings and low confidence first). */
  order: localStorage.getItem('isnad-review.order') ?? 'text',
  setOrder(order) {
    settings.order = order;
    localStorage.setItem('isnad-review.order', order);
  },
};

let list = null; // last GET /api/articles answer
const listUi = { query: '', lang: 'all', show: 'all', cursor: 0 };
let view = null; // the open ArticleView
let loading = 0;

function articleHash(id, quoteId) {
  return `#/a/${encodeURIComponent(id)}${quoteId ? `/${encodeURIComponent(quoteId)}` : ''}`;
}

function parseHash() {
  const m = /^#\/a\/([^/]+)(?:\/([^/]+))?$/.exec(location.hash);
  if (!m) return null;
  try {
    return { id: decodeURIComponent(m[1]), quoteId: m[2] ? decodeURIComponent(m[2]) : null };
  } catch {
    return null;
  }
}

async function route() {
  const target = parseHash();
  const people = /^#\/people(?:\/(.+))?$/.exec(location.hash);
  if (target) await openArticle(target.id, target.quoteId);
  else if (people) await showPeople(people[1] ? safeDecode(people[1]) : null);
  else await showList();
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------- people

const peopleUi = { status: 'all', query: '' };
const STATUS_OPTIONS = () => [['all', t('status.all')], ...['pending', 'approved', 'rejected', 'corrected'].map((s) => [s, t(`status.${s}`)])];

function statusSelect(onchange) {
  const el = h('select', { class: 'status-select', 'aria-label': t('status.label'), onchange: (e) => onchange(e.target.value) }, STATUS_OPTIONS().map(([v, t]) => h('option', { value: v }, t)));
  el.value = peopleUi.status;
  return el;
}

/** #/people: every speaker of the folder; #/people/<key>: one speaker's quotes across articles. */
async function showPeople(key) {
  view?.destroy();
  view = null;
  articleRoot.hidden = true;
  listRoot.hidden = false;
  fill(crumbs, h('a', { href: '#/' }, t('list.articles')), h('span', { class: 'sep' }, '›'), key ? h('a', { href: '#/people' }, t('list.people')) : h('span', null, t('list.people')));
  const query = peopleUi.status === 'all' ? '' : `?status=${peopleUi.status}`;
  let data;
  try {
    data = key ? await api.speaker(key, query) : await api.speakers(query);
  } catch (err) {
    fill(listRoot, h('p', { class: 'banner error' }, `${err.message}. `, h('a', { href: '#/people' }, t('people.all'))));
    return;
  }
  const refresh = (status) => {
    peopleUi.status = status;
    void showPeople(key);
  };
  if (!key) {
    document.title = `${t('people.title')} — isnad review`;
    const tbody = h('tbody');
    const rows = () => {
      const q = peopleUi.query.trim().toLowerCase();
      const shown = data.speakers.filter((sp) => !q || sp.names.some((n) => n.toLowerCase().includes(q)));
      fill(tbody, 
        (shown.length
          ? shown.map((sp) =>
              h(
                'tr',
                { dataset: { key: sp.key }, onclick: () => (location.hash = `#/people/${encodeURIComponent(sp.key)}`) },
                h('td', null, h('a', { class: 'title', href: `#/people/${encodeURIComponent(sp.key)}` }, sp.name), h('div', { class: 'sub', dir: 'auto' }, sp.names.filter((n) => n !== sp.name).slice(0, 4).join(' · '))),
                h('td', null, sp.type ? t(`type.${sp.type}`) : t('people.typed')),
                h('td', { class: 'c-num' }, String(sp.quotes)),
                h('td', { class: 'c-num' }, String(sp.articles)),
                h('td', { class: 'c-prog' }, progressBar(sp.counts, Object.values(sp.counts).reduce((a, b) => a + b, 0))),
              ),
            )
          : [h('tr', null, h('td', { colspan: 5, class: 'empty' }, t('people.none')))]),
      );
    };
    fill(listRoot, 
      h('section', { class: 'list-head' }, h('div', null, h('h1', null, t('people.title')), h('p', { class: 'muted' }, t('people.sub')))),
      h(
        'div',
        { class: 'list-tools' },
        h('input', { type: 'search', class: 'search people-search', placeholder: t('people.filter'), value: peopleUi.query, 'aria-label': t('people.filterLabel'), oninput: (e) => { peopleUi.query = e.target.value; rows(); } }),
        statusSelect(refresh),
      ),
      h('table', { class: 'articles people' }, h('thead', null, h('tr', null, h('th', null, t('people.col.speaker')), h('th', null, t('people.col.type')), h('th', { class: 'c-num' }, t('people.col.quotes')), h('th', { class: 'c-num' }, t('people.col.articles')), h('th', { class: 'c-prog' }, t('people.col.status')))), tbody),
    );
    rows();
    return;
  }
  const sp = data.speaker;
  document.title = `${sp.name} — isnad review`;
  const byArticle = new Map();
  for (const q of data.quotes) byArticle.set(q.articleId, [...(byArticle.get(q.articleId) ?? []), q]);
  fill(listRoot, 
    h(
      'section',
      { class: 'list-head speaker-head' },
      h('div', null, h('h1', null, sp.name), h('p', { class: 'muted', dir: 'auto' }, sp.names.join(' · '))),
      h('div', { class: 'totals' }, Object.entries(sp.counts).map(([st, n]) => h('div', { class: `stat st-${st}` }, h('b', null, String(n)), ` ${t(`status.${st}`)}`))),
    ),
    h('div', { class: 'list-tools' }, statusSelect(refresh), h('span', { class: 'hint' }, t('people.count', { q: data.quotes.length, a: byArticle.size }))),
    [...byArticle.values()].map((quotes) =>
      h(
        'section',
        { class: 'speaker-article' },
        h('h2', null, h('a', { href: articleHash(quotes[0].articleId), ...langAttrs(quotes[0].lang) }, quotes[0].title || quotes[0].articleId)),
        quotes.map((q) =>
          h(
            'a',
            { class: `speaker-quote st-${q.status}`, href: articleHash(q.articleId, q.quoteId), dataset: { quoteId: q.quoteId } },
            h('span', { class: `chip st-${q.status}` }, t(`status.${q.status}`)),
            h('span', { class: 'kind' }, t(`kind.${q.kind}`)),
            h('span', { class: 'q-text', ...langAttrs(q.lang) }, q.text),
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------- search

let searchTicket = 0;
let searchTimer = 0;
/** Results of the folder-wide search under the article list: speakers and quotes. */
function runSearch(box) {
  clearTimeout(searchTimer);
  const q = listUi.query.trim();
  if (q.length < 2) {
    box.replaceChildren();
    return;
  }
  searchTimer = setTimeout(async () => {
    const ticket = ++searchTicket;
    let data;
    try {
      data = await api.search(q);
    } catch (err) {
      fill(box, h('p', { class: 'banner error' }, err.message));
      return;
    }
    if (ticket !== searchTicket) return;
    fill(box, 
      h('h2', null, t('search.speakers', { q: `\u2068${q}\u2069`, n: data.speakers.length })),
      h('ul', { class: 'search-speakers' }, data.speakers.map((sp) => h('li', null, h('a', { href: `#/people/${encodeURIComponent(sp.key)}` }, sp.name), h('span', { class: 'muted', dir: 'auto' }, ` ${sp.names.filter((n) => n !== sp.name).slice(0, 3).join(' · ')} · ${sp.quotes} quotes`)))),
      h('h2', null, t('search.quotes', { q: `\u2068${q}\u2069`, n: data.quotes.length })),
      h(
        'ul',
        { class: 'search-quotes' },
        data.quotes.map((r) => h('li', { dir: 'auto' }, h('a', { href: articleHash(r.articleId, r.quoteId), ...langAttrs(r.lang) }, r.text), h('span', { class: 'muted' }, ` — ${r.speakerName ?? t('search.noSpeaker')} · ${r.title}`))),
      ),
    );
  }, 150);
}

// ---------------------------------------------------------------------- list

async function loadList() {
  list = await api.articles();
  return list;
}

async function showList() {
  view?.destroy();
  view = null;
  articleRoot.hidden = true;
  listRoot.hidden = false;
  document.title = 'isnad review';
  fill(crumbs, h('span', null, t('list.articles')));
  if (!list) fill(listRoot, h('p', { class: 'loading' }, t('list.loading')));
  try {
    await loadList();
  } catch (err) {
    fill(listRoot, h('p', { class: 'banner error' }, t('list.loadError', { error: err.message })));
    return;
  }
  renderList();
}

function filteredArticles() {
  if (!list) return [];
  const q = listUi.query.trim().toLowerCase();
  return list.articles.filter((a) => {
    if (listUi.lang !== 'all' && a.lang !== listUi.lang) return false;
    if (listUi.show === 'todo' && a.reviewed >= a.quotes) return false;
    if (listUi.show === 'done' && a.reviewed < a.quotes) return false;
    if (listUi.show === 'orphans' && !a.orphaned) return false;
    if (q && !a.title.toLowerCase().includes(q) && !a.id.toLowerCase().includes(q) && !a.file.toLowerCase().includes(q)) return false;
    return true;
  });
}

function renderList() {
  const totals = { articles: list.articles.length, quotes: 0, reviewed: 0, done: 0 };
  const counts = { pending: 0, approved: 0, rejected: 0, corrected: 0 };
  for (const a of list.articles) {
    totals.quotes += a.quotes;
    totals.reviewed += a.reviewed;
    if (a.quotes > 0 && a.reviewed === a.quotes) totals.done += 1;
    for (const s of Object.keys(counts)) counts[s] += a.counts[s];
  }
  setTopProgress(counts, totals.quotes);

  const search = h('input', {
    type: 'search',
    class: 'search',
    placeholder: t('list.search'),
    value: listUi.query,
    'aria-label': t('list.searchLabel'),
    oninput: (e) => {
      listUi.query = e.target.value;
      listUi.cursor = 0;
      renderRows(tbody);
      runSearch(results);
    },
    onkeydown: (e) => {
      if (e.key === 'Enter') openCursor();
      if (e.key === 'Escape') e.target.blur();
    },
  });
  const select = (key, options, label) => {
    const el = h('select', { 'aria-label': label, onchange: (e) => {
      listUi[key] = e.target.value;
      listUi.cursor = 0;
      renderRows(tbody);
    } }, options.map(([value, text]) => h('option', { value }, text)));
    el.value = listUi[key];
    return el;
  };
  const tbody = h('tbody');
  const results = h('section', { class: 'search-results', 'aria-live': 'polite' });
  const problems = list.problems.length
    ? h(
        'section',
        { class: 'problems' },
        h('h2', null, t('list.problems', { n: list.problems.length })),
        h('ul', null, list.problems.map((p) => h('li', null, h('code', null, p.file), ' — ', p.message))),
      )
    : null;
  fill(listRoot, 
    h(
      'section',
      { class: 'list-head' },
      h('div', null, h('h1', null, t('list.articles'), ' ', h('a', { class: 'people-link', href: '#/people' }, t('list.peopleLink'))), h('p', { class: 'muted path' }, list.dir)),
      h(
        'div',
        { class: 'totals' },
        h('div', { class: 'stat' }, h('b', null, String(totals.articles)), t('list.stat.articles')),
        h('div', { class: 'stat' }, h('b', null, String(totals.quotes)), t('list.stat.quotes')),
        h('div', { class: 'stat' }, h('b', null, String(totals.reviewed)), t('list.stat.reviewed')),
        h('div', { class: 'stat' }, h('b', null, String(totals.done)), t('list.stat.done')),
      ),
    ),
    h(
      'div',
      { class: 'list-tools' },
      search,
      select('lang', [['all', t('list.allLangs')], ['ar', t('lang.ar')], ['en', t('lang.en')]], t('list.langLabel')),
      select('show', [['all', t('list.allArticles')], ['todo', t('list.todo')], ['done', t('list.done')], ['orphans', t('list.withOrphans')]], t('list.show')),
      h('span', { class: 'hint' }, h('kbd', null, 'j'), ' ', h('kbd', null, 'k'), t('list.hint.move'), h('kbd', null, '↵'), t('list.hint.open')),
    ),
    h(
      'table',
      { class: 'articles' },
      h(
        'thead',
        null,
        h('tr', null, h('th', { class: 'c-lang' }, t('list.col.lang')), h('th', null, t('list.col.title')), h('th', { class: 'c-num' }, t('list.col.quotes')), h('th', { class: 'c-prog' }, t('list.col.progress'))),
      ),
      tbody,
    ),
  );
  listRoot.append(results);
  if (problems) listRoot.append(problems);
  renderRows(tbody);
  runSearch(results);
}

function renderRows(tbody) {
  const rows = filteredArticles();
  listUi.cursor = Math.min(listUi.cursor, Math.max(rows.length - 1, 0));
  if (!rows.length) {
    fill(tbody, 
      h('tr', null, h('td', { colspan: 4, class: 'empty' }, list.articles.length ? t('list.noMatch') : t('list.empty'))),
    );
    return;
  }
  fill(tbody, 
    rows.map((a, i) => {
      const done = a.quotes > 0 && a.reviewed === a.quotes;
      return h(
        'tr',
        {
          class: `${i === listUi.cursor ? 'cursor' : ''}${done ? ' done' : ''}`,
          dataset: { id: a.id },
          onclick: () => {
            location.hash = articleHash(a.id);
          },
        },
        h('td', { class: 'c-lang' }, h('span', { class: `lang-badge lang-${a.lang}`, title: LANG_LABEL[a.lang] }, a.lang.toUpperCase())),
        h(
          'td',
          null,
          h('a', { class: 'title', href: articleHash(a.id), ...langAttrs(a.lang) }, a.title || a.id),
          h('div', { class: 'sub' }, a.file, a.warnings ? h('span', { class: 'warn' }, t('list.warnings', { n: a.warnings })) : null, a.orphaned ? h('span', { class: 'warn' }, t('list.orphaned', { n: a.orphaned })) : null, a.reviewError ? h('span', { class: 'warn' }, t('list.invalid')) : null),
        ),
        h('td', { class: 'c-num' }, String(a.quotes)),
        h('td', { class: 'c-prog' }, progressBar(a.counts, a.quotes), h('span', { class: 'prog-text' }, done ? t('list.doneText') : `${a.reviewed} / ${a.quotes}`)),
      );
    }),
  );
}

function moveCursor(delta) {
  const rows = listRoot.querySelectorAll('tbody tr[data-id]');
  if (!rows.length) return;
  rows[listUi.cursor]?.classList.remove('cursor');
  listUi.cursor = Math.max(0, Math.min(rows.length - 1, listUi.cursor + delta));
  rows[listUi.cursor].classList.add('cursor');
  rows[listUi.cursor].scrollIntoView({ block: 'nearest' });
}

function openCursor() {
  const row = listRoot.querySelectorAll('tbody tr[data-id]')[listUi.cursor];
  if (row) location.hash = articleHash(row.dataset.id);
}

// ---------------------------------------------------------------------- article

async function openArticle(id, quoteId, { reload = false } = {}) {
  if (view && view.id === id && !reload) {
    if (quoteId && quoteId !== view.selected) view.select(quoteId, { scrollText: true });
    return;
  }
  const ticket = ++loading;
  listRoot.hidden = true;
  articleRoot.hidden = false;
  if (!view) fill(articleRoot, h('p', { class: 'loading' }, t('art.loading')));
  let data;
  try {
    data = await api.article(id);
  } catch (err) {
    if (ticket !== loading) return;
    view?.destroy();
    view = null;
    fill(articleRoot, 
      h('div', { class: 'banner error' }, t('art.openError', { id, error: err.message }), h('a', { href: '#/' }, t('art.back'))),
    );
    return;
  }
  if (ticket !== loading) return;
  view?.destroy();
  view = new ArticleView(articleRoot, data, {
    history: undoStack,
    settings,
    onChange: (v) => {
      const { counts, total } = v.summary();
      setTopProgress(counts, total);
      updateListEntry(v);
    },
    onSelect: (v) => {
      window.history.replaceState(null, '', articleHash(v.id, v.selected));
    },
    reload: (v) => void openArticle(v.id, v.selected, { reload: true }),
  });
  document.title = `${data.article.title} — isnad review`;
  fill(crumbs, 
    h('a', { href: '#/' }, t('list.articles')),
    h('span', { class: 'sep' }, '›'),
    h('span', { class: 'crumb-title', ...langAttrs(data.output.article.lang) }, data.article.title || id),
  );
  const first = quoteId && view.quoteById.has(quoteId) ? quoteId : (view.quotes.find((q) => view.statusOf(q.id) === 'pending') ?? view.quotes[0])?.id;
  if (first) view.select(first, { scrollText: true });
  articleRoot.focus?.();
}

/** Keeps the cached list in step with decisions made in the article view. */
function updateListEntry(v) {
  const entry = list?.articles.find((a) => a.id === v.id);
  if (!entry) return;
  const { counts, total, orphaned } = v.summary();
  entry.counts = counts;
  entry.quotes = total;
  entry.reviewed = total - counts.pending;
  entry.orphaned = orphaned;
}

async function neighbour(delta) {
  if (!view) return;
  if (!list) await loadList().catch(() => null);
  const articles = list?.articles ?? [];
  const at = articles.findIndex((a) => a.id === view.id);
  const next = articles[at + delta];
  if (!next) {
    toast(delta > 0 ? t('art.last') : t('art.first'));
    return;
  }
  location.hash = articleHash(next.id);
}

function setTopProgress(counts, total) {
  const reviewed = total - counts.pending;
  fill(topProgress, 
    progressBar(counts, total),
    h('span', { class: 'prog-text' }, t('art.reviewed', { n: reviewed, total })),
  );
}

// ---------------------------------------------------------------------- undo

async function undo() {
  const entry = undoStack.pop();
  if (!entry) {
    toast(t('toast.nothingToUndo'));
    return;
  }
  if (view && view.id === entry.articleId) {
    await view.undo(entry);
    return;
  }
  // The decision was made in another article: restore it there, then show it.
  try {
    if (entry.before) {
      await api.putReview(entry.articleId, entry.quoteId, bodyOf(entry.before, entry.after));
    } else {
      await api.deleteReview(entry.articleId, entry.quoteId, entry.after);
    }
    location.hash = articleHash(entry.articleId, entry.quoteId);
    toast(t('toast.undoneShort'));
  } catch (err) {
    undoStack.push(entry);
    toast(t('toast.undoFailed', { error: err.message }), 'error');
  }
}

// ---------------------------------------------------------------------- keyboard

document.addEventListener('keydown', (event) => {
  if (help.open) return;
  if (typingTarget(event.target)) return;
  // Span form: Shift+arrows move the span's end by a word, Alt+Shift+arrows its start.
  if (view && !articleRoot.hidden && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    if (view.nudgeSpan(event.altKey ? 'start' : 'end', event.key)) event.preventDefault();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const k = event.key;
  if (k === '?') {
    help.showModal();
  } else if (k === 'u') {
    void undo();
  } else if (k === 'g') {
    location.hash = '#/';
  } else if (k === 'p') {
    location.hash = '#/people';
  } else if (view && !articleRoot.hidden) {
    if (k === ']') void neighbour(1);
    else if (k === '[') void neighbour(-1);
    else if (!view.key(event)) return;
  } else if (!listRoot.hidden && list) {
    if (k === 'j' || k === 'ArrowDown') moveCursor(1);
    else if (k === 'k' || k === 'ArrowUp') moveCursor(-1);
    else if (k === 'Enter' || k === 'o') openCursor();
    else if (k === '/') listRoot.querySelector('.search')?.focus();
    else return;
  } else {
    return;
  }
  event.preventDefault();
});

/** The help dialog, from the one key table in messages.js. */
function renderHelp() {
  const lang = uiLang();
  help.setAttribute('lang', lang);
  help.setAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  document.getElementById('help-title').textContent = t('help.title');
  document.getElementById('help-note').textContent = t('help.note');
  document.getElementById('help-close').textContent = t('help.close');
  fill(document.getElementById('help-keys'), 
    KEYS.map((row) =>
      h(
        'tr',
        null,
        h('th', { dir: 'ltr' }, row.keys.flatMap((k, i) => [i ? keyJoin(row) : null, h('kbd', null, k)])),
        h('td', null, row[lang]),
      ),
    ),
  );
}
renderHelp();

/** The top bar's labels and the language toggle, in the interface language. */
function renderChrome() {
  const toggle = document.getElementById('ui-lang');
  toggle.textContent = t('ui.toggle');
  toggle.lang = uiLang() === 'ar' ? 'en' : 'ar';
  toggle.title = t('ui.toggle.title');
  document.getElementById('help-button').title = t('top.help');
  document.querySelector('.brand').title = t('top.all');
  renderHelp();
}

document.getElementById('ui-lang').addEventListener('click', () => {
  saveUiLang(uiLang() === 'ar' ? 'en' : 'ar');
  renderChrome();
  if (view && !articleRoot.hidden) void openArticle(view.id, view.selected, { reload: true });
  else void route();
});

document.getElementById('help-button').addEventListener('click', () => help.showModal());
window.addEventListener('hashchange', () => void route());
// The interface language depends on the folder (Arabic when most articles are Arabic):
// read the list first.
await loadList().catch(() => null);
chooseUiLang(list?.articles ?? []);
renderChrome();
void route();
