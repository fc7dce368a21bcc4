// The review API, as the page uses it. Writes run one after another, in the order
// the reviewer made them, so that a quick "a" then "r" ends as "r" on disk.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'the review server does not answer (is isnad review still running?)');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = new ApiError(res.status, data?.error ?? `${res.status} ${res.statusText}`);
    error.current = data?.current ?? null;
    throw error;
  }
  return data;
}

const enc = encodeURIComponent;
const reviewUrl = (id, quoteId) => `/api/articles/${enc(id)}/quotes/${enc(quoteId)}/review`;

let chain = Promise.resolve();
function queued(run) {
  const result = chain.then(run);
  chain = result.catch(() => undefined);
  return result;
}

export const api = {
  articles: () => call('GET', '/api/articles'),
  speakers: (query = '') => call('GET', `/api/speakers${query}`),
  speaker: (key, query = '') => call('GET', `/api/speakers/${enc(key)}${query}`),
  search: (q) => call('GET', `/api/search?q=${enc(q)}`),
  article: (id) => call('GET', `/api/articles/${enc(id)}`),
  putReview: (id, quoteId, body) => queued(() => call('PUT', reviewUrl(id, quoteId), body)),
  deleteReview: (id, quoteId, version) =>
    queued(() => call('DELETE', version === undefined ? reviewUrl(id, quoteId) : `${reviewUrl(id, quoteId)}?version=${version}`)),
  putEntityReview: (id, entityId, body) => queued(() => call('PUT', `/api/articles/${enc(id)}/entities/${enc(entityId)}/review`, body)),
  deleteEntityReview: (id, entityId, version) =>
    queued(() => call('DELETE', `/api/articles/${enc(id)}/entities/${enc(entityId)}/review?version=${version}`)),
  addQuote: (id, body) => queued(() => call('POST', `/api/articles/${enc(id)}/added`, body)),
  deleteAdded: (id, addedId, version) => queued(() => call('DELETE', `/api/articles/${enc(id)}/added/${enc(addedId)}?version=${version}`)),
  dismissOrphan: (id, orphan) =>
    queued(() =>
      call('POST', `/api/articles/${enc(id)}/orphans/dismiss`, {
        quoteId: orphan.quoteId,
        start: orphan.quote.start,
        end: orphan.quote.end,
      }),
    ),
};

/** The PUT body that stores `record` again (used by undo); `baseVersion` is the version it replaces. */
export function bodyOf(record, baseVersion) {
  const body = { status: record.status };
  if (baseVersion !== undefined) body.baseVersion = baseVersion;
  if (record.status === 'corrected') {
    if (record.speaker !== undefined) body.speaker = record.speaker;
    if (record.span) {
      body.start = record.span.start;
      body.end = record.span.end;
    }
    if (record.kind) body.kind = record.kind;
  }
  if (record.note) body.note = record.note;
  return body;
}
