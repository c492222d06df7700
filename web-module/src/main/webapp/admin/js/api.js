// The console's one way to Orgbase's public REST API. The access token lives in this module's
// memory only; the refresh token is an HttpOnly cookie script cannot read (X-Orgbase-Session:
// cookie). A 401 gets one silent refresh and a retry; when that fails the console signs out.

const ROOT = new URL('../', window.location.href.split('#')[0]);
const SESSION = { 'X-Orgbase-Session': 'cookie' };

let accessToken = null;
let refreshing = null;
const signedOutListeners = [];

/** A refusal of the API: status, problem type, detail and field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem.type || 'about:blank';
    this.kind = this.type.substring(this.type.lastIndexOf('/') + 1);
    this.problem = problem;
    this.fields = new Map((problem['invalid-params'] || []).map((p) => [p.name, p.reason]));
  }
}

export function url(path) {
  return new URL(path.replace(/^\//, ''), ROOT).href;
}

export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

export function signedIn() {
  return accessToken !== null;
}

function remember(tokens) {
  accessToken = tokens.accessToken;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // fall through
    }
  }
  return { title: response.statusText, status: response.status };
}

async function post(path, body, extraHeaders = {}) {
  const response = await fetch(url(path), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...SESSION, ...extraHeaders },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  return response.status === 204 ? null : response.json();
}

/**
 * Signs in. Answers {signedIn: true} or {mfaToken} when the account asks for a second factor.
 */
export async function login(email, password) {
  try {
    remember(await post('api/v1/auth/login', { email, password }));
    return { signedIn: true };
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'mfa_required' && e.problem.mfaToken) {
      return { mfaToken: e.problem.mfaToken };
    }
    throw e;
  }
}

export async function completeLogin(mfaToken, code) {
  remember(await post('api/v1/auth/login/mfa', { mfaToken, code }));
}

/**
 * A new access token from the session cookie. Tabs share the cookie, and a refresh token works
 * once: a Web Lock makes refreshes of all tabs take turns, so each one presents the cookie the
 * previous one set (two at once would look like a stolen token and end the session).
 */
export function refresh() {
  if (!refreshing) {
    const run = async () => {
      try {
        remember(await post('api/v1/auth/refresh', {}));
        return true;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 400)) {
          accessToken = null;
          return false;
        }
        throw e;
      }
    };
    const locked = navigator.locks ? navigator.locks.request('orgbase-session', run) : run();
    refreshing = locked.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

let loggingOut = null;

export function logout() {
  if (!loggingOut) {
    accessToken = null;
    loggingOut = post('api/v1/auth/logout', {}).finally(() => {
      loggingOut = null;
      signedOutListeners.forEach((listener) => listener());
    });
  }
  return loggingOut;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * One API call: request('GET', 'api/v1/me'), request('PATCH', path, {body, etag}).
 * Answers {data, etag, status, headers}; throws ApiError for every refusal.
 */
export async function request(method, path, options = {}) {
  const send = () => {
    const headers = { Accept: 'application/json', ...(options.headers || {}) };
    if (accessToken) {
      headers.Authorization = `Bearer ${accessToken}`;
    }
    let body;
    if (options.body instanceof Blob || options.body instanceof FormData) {
      body = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (options.etag) {
      headers['If-Match'] = options.etag;
    }
    return fetch(url(path) + query(options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  };
  let response = await send();
  // a step-up refusal (two-factor sign-in or a fresh sign-in required by the organization) is not
  // an expired token: refreshing would not help, the screen says what to do
  const stepUp = () => (response.headers.get('WWW-Authenticate') || '').includes('insufficient_user_authentication');
  if (response.status === 401 && !stepUp() && (await refresh())) {
    response = await send();
  }
  if (response.status === 401 && !stepUp()) {
    // the session is over: end it on the server too (the cookie is cleared), then sign in
    logout().catch(() => {});
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.blob();
  return { data, etag: response.headers.get('ETag'), status: response.status, headers: response.headers };
}

export const get = async (path, queryParams) => (await request('GET', path, { query: queryParams })).data;

/** Every page of a collection, up to a limit (for pickers: departments, teams, roles). */
export async function all(path, queryParams = {}, max = 500) {
  const items = [];
  let cursor;
  do {
    const page = await get(path, { ...queryParams, limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/**
 * Reads a Server-Sent Events stream with the bearer token (EventSource cannot send one): fetch
 * and a stream reader. Reconnects with Last-Event-ID after a pause until the signal aborts.
 */
export async function stream(path, onEvent, signal) {
  let lastEventId = null;
  let refreshed = false;
  while (!signal.aborted && accessToken) {
    try {
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${accessToken}` };
      if (lastEventId) {
        headers['Last-Event-ID'] = lastEventId;
      }
      const response = await fetch(url(path), { headers, signal, credentials: 'same-origin' });
      if (response.status === 401) {
        // one refresh per failure, and only when the last one helped; then wait like any failure
        if (refreshed || !(await refresh())) {
          return;
        }
        refreshed = true;
        throw new Error('stream token expired');
      }
      if (!response.ok || !response.body) {
        throw new Error(`stream answered ${response.status}`);
      }
      refreshed = false;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let expired = false;
      reading: for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const event = { type: 'message', data: [] };
          for (const line of block.split(/\r?\n/)) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event.type = val;
            else if (field === 'data') event.data.push(val);
            else if (field === 'id') lastEventId = val;
          }
          if (event.type === 'expired') {
            // the access token ran out: a new one, then the stream again (from the last event)
            await reader.cancel();
            if (!(await refresh())) {
              return;
            }
            expired = true;
            break reading;
          }
          if (event.data.length) {
            onEvent(event.type, event.data.join('\n'));
          }
        }
      }
      if (expired) {
        continue;
      }
    } catch (e) {
      if (signal.aborted) {
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}
