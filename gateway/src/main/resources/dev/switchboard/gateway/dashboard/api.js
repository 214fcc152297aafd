// The REST API of the gateway (/api/v1), with the access token of this tab. The token lives in sessionStorage only:
// it is gone when the tab closes, and no other tab or site sees it.

const KEY = 'switchboard.token';
const PREFIX = '/api/v1';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

/** A refusal or failure of the API, with its HTTP status and problem document (RFC 9457) when there is one. */
export class ApiError extends Error {
  constructor(status, problem, text) {
    super(problem?.detail || text || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get code() {
    return this.problem?.code || `HTTP_${this.status}`;
  }
}

function headers(extra) {
  const out = {Accept: 'application/json', ...extra};
  const t = token.get();
  if (t) out.Authorization = `Bearer ${t}`;
  return out;
}

/** Calls the API: api('/servers'), api('/call', {method: 'POST', body: {...}}). Throws ApiError unless 2xx. */
export async function api(path, {method = 'GET', body} = {}) {
  const init = {method, cache: 'no-store', headers: headers(body === undefined ? {} : {'Content-Type': 'application/json'})};
  if (body !== undefined) init.body = JSON.stringify(body);
  let response;
  try {
    response = await fetch(PREFIX + path, init);
  } catch (e) {
    throw new ApiError(0, null, `the gateway cannot be reached (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text is the message
  }
  if (!response.ok) throw new ApiError(response.status, json, text);
  return json;
}

/**
 * Follows GET /api/v1/events: onEvent(kind, data) for each event, onLink(up, error) when the stream opens or breaks.
 * Reconnects after a pause; fetch rather than EventSource, because EventSource cannot send the Authorization header.
 */
export function follow(onEvent, onLink) {
  let stopped = false;
  let controller = null;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      let error = null;
      try {
        const response = await fetch(`${PREFIX}/events`, {headers: headers({Accept: 'text/event-stream'}), signal: controller.signal, cache: 'no-store'});
        if (!response.ok) {
          const text = await response.text();
          let problem = null;
          try { problem = JSON.parse(text); } catch { /* not JSON */ }
          throw new ApiError(response.status, problem, text);
        }
        onLink(true, null);
        await read(response.body, onEvent);
      } catch (e) {
        error = e;
      }
      if (stopped) return;
      onLink(false, error);
      if (error?.status === 401) return; // the page asks for a token again
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  };
  run();
  return {stop() { stopped = true; controller?.abort(); }};
}

/** Reads a text/event-stream body to its end, calling onEvent(kind, parsed data) per event. */
async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let kind = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a heartbeat
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') kind = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length) {
        try {
          onEvent(kind, JSON.parse(data.join('\n')));
        } catch (e) {
          console.warn('event not understood', kind, e);
        }
      }
    }
  }
}
