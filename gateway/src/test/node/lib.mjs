// Shared by the scenario scripts that drive the official TypeScript SDK client (@modelcontextprotocol/sdk, pinned in
// testing/reference-servers) against the gateway. A script is run by a JUnit test as
//   node <script> <gateway url> [args...]
// with SWITCHBOARD_NODE_MODULES naming the reference servers' node_modules; the URL is the gateway's Streamable HTTP
// endpoint (/mcp) or its legacy HTTP+SSE one (/sse), and connect() speaks the transport it names. It prints one JSON
// object per line on stdout: what it saw, for the test to assert on, and {"await": step} where it needs the test to
// act (the test answers with one line on stdin). It exits 0 when the scenario ran to its end, 1 with the error on
// stderr otherwise.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.env.SWITCHBOARD_NODE_MODULES;
if (!modules) {
    throw new Error('SWITCHBOARD_NODE_MODULES is not set: it names testing/reference-servers/node_modules');
}

/** A module of the SDK's ESM build, by its path under dist/esm (the scripts live outside any node_modules tree). */
export function sdk(path) {
    return import(pathToFileURL(join(modules, '@modelcontextprotocol/sdk/dist/esm', path)).href);
}

const { Client } = await sdk('client/index.js');
const { StreamableHTTPClientTransport } = await sdk('client/streamableHttp.js');
const { SSEClientTransport } = await sdk('client/sse.js');

export const url = new URL(process.argv[2]);
export const args = process.argv.slice(3);

export function emit(object) {
    process.stdout.write(JSON.stringify(object) + '\n');
}

/** Errors the SDK reports through onerror (not thrown to a caller), for the test to see. */
export const reported = [];

/** Whether `to` is the gateway's legacy HTTP+SSE endpoint (`/sse`) rather than its Streamable HTTP one. */
export function isLegacySse(to) {
    return to.pathname.endsWith('/sse');
}

/**
 * An initialised SDK client of the gateway at `to` (the script's URL unless given). The transport follows the URL:
 * the legacy HTTP+SSE endpoint (`/sse`) gets SSEClientTransport, any other URL StreamableHTTPClientTransport;
 * `fetch` goes to either, `reconnectionOptions` to Streamable HTTP's. `capabilities` are declared in initialize, and
 * `prepare(client)` runs before it: request handlers (setRequestHandler) need their capability declared and must be
 * in place before a server can ask.
 */
export async function connect({ name = 'switchboard-ts-test', fetch, reconnectionOptions, to = url, capabilities,
    prepare } = {}) {
    const client = new Client({ name, version: '1.0.0' }, capabilities ? { capabilities } : undefined);
    prepare?.(client);
    const transport = isLegacySse(to) ? new SSEClientTransport(to, { fetch })
        : new StreamableHTTPClientTransport(to, { fetch, reconnectionOptions });
    // Closing aborts the transport's open stream; the SDK may report that abort, which is the client's own doing.
    let closing = false;
    const close = client.close.bind(client);
    client.close = async () => {
        closing = true;
        return close();
    };
    client.onerror = e => {
        if (!(closing && /aborted/i.test(String(e?.message ?? e)))) {
            reported.push(`${name}: ${e?.message ?? e}`);
        }
    };
    await client.connect(transport);
    return { client, transport };
}

/** The text of a tool result's first content item. */
export function text(result) {
    return result?.content?.[0]?.text;
}

export function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Something that changes now and then; `until` waits (bounded) for a condition on it, without polling. */
export class Signal {
    #waiters = [];

    bump() {
        const waiters = this.#waiters;
        this.#waiters = [];
        waiters.forEach(w => w());
    }

    async until(condition, ms, what) {
        const deadline = Date.now() + ms;
        while (!condition()) {
            const left = deadline - Date.now();
            if (left <= 0) {
                throw new Error(`timed out after ${ms} ms waiting for ${what}`);
            }
            await withTimeout(new Promise(resolve => this.#waiters.push(resolve)), left, what).catch(() => {});
        }
    }
}

let stdin;

/** Tells the test that the scenario reached `step` and waits for its answer ("ok", or "fail: why"). */
export async function ask(step, data = {}) {
    stdin ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]();
    emit({ await: step, ...data });
    const { value, done } = await withTimeout(stdin.next(), 30_000, `the test's answer at ${step}`);
    if (done) {
        throw new Error(`stdin closed while waiting for the test's answer at ${step}`);
    }
    if (value !== 'ok') {
        throw new Error(`the test answered ${value} at ${step}`);
    }
}

/** Reads SSE events (id, data as JSON) from the chunks of a stream, as they come. */
function sseParser(onEvent) {
    const decoder = new TextDecoder();
    let buffer = '';
    return chunk => {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let id;
            const data = [];
            for (const line of block.split('\n')) {
                if (line.startsWith(':')) {
                    continue; // a comment (keep-alive)
                }
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                let value = colon < 0 ? '' : line.slice(colon + 1);
                if (value.startsWith(' ')) {
                    value = value.slice(1);
                }
                if (field === 'id') {
                    id = value;
                } else if (field === 'data') {
                    data.push(value);
                }
            }
            if (id !== undefined || data.length > 0) {
                const text = data.join('\n');
                onEvent({ id, message: text ? JSON.parse(text) : null });
            }
        }
    };
}

/**
 * One SSE response as it went over the wire: every event read from it, in order. The SDK reads the body through
 * this object, so the test can cut the connection as the SDK sees it:
 * - 'drop' closes the connection for real (the gateway sees a client that went away);
 * - 'tap' makes the SDK see a broken connection while this object goes on reading what the gateway sends on it, so
 *   that the test knows exactly which events the SDK missed.
 */
export class Connection {
    constructor(method, request, lastEventId, response, changed) {
        this.method = method;
        this.request = request;
        this.lastEventId = lastEventId;
        this.events = [];
        this.cut = null;
        this.ended = false;
        const reader = response.body.getReader();
        const parse = sseParser(event => {
            this.events.push({ ...event, afterCut: this.cut !== null });
            changed.bump();
        });
        this.#reader = reader;
        this.body = new ReadableStream({ start: c => { this.#controller = c; } });
        const controller = this.#controller;
        (async () => {
            try {
                for (;;) {
                    const { value, done } = await reader.read();
                    if (done) {
                        break;
                    }
                    parse(value);
                    if (this.cut === null) {
                        controller.enqueue(value);
                    }
                }
                if (this.cut === null) {
                    controller.close();
                }
            } catch (e) {
                if (this.cut === null) {
                    controller.error(e);
                }
            }
            this.ended = true;
            changed.bump();
        })();
    }

    #controller;
    #reader;

    cutOff(mode) {
        this.cut = mode;
        this.#controller.error(new TypeError(`terminated: the test cut the connection (${mode})`));
        if (mode === 'drop') {
            this.#reader.cancel().catch(() => {});
        }
    }

    /** A summary for the test: how the connection was opened and the events it carried. */
    report() {
        return {
            method: this.method, lastEventId: this.lastEventId, cut: this.cut, ended: this.ended,
            events: this.events.map(e => ({ id: e.id ?? null, method: e.message?.method ?? null,
                progress: e.message?.params?.progress ?? null, result: e.message?.result !== undefined,
                error: e.message?.error ?? null, afterCut: e.afterCut }))
        };
    }
}

/**
 * A fetch for the SDK's transport that records every request and every SSE connection. `beforeResume`, when given,
 * is awaited before a GET that resumes a stream (Last-Event-ID) goes out.
 */
export function recordingFetch({ beforeResume } = {}) {
    const changed = new Signal();
    const requests = [];
    const connections = [];
    const fetchFn = async (input, init = {}) => {
        const method = init.method ?? 'GET';
        const headers = new Headers(init.headers);
        const lastEventId = headers.get('last-event-id');
        const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
        requests.push({ method, lastEventId, body });
        if (method === 'GET' && lastEventId && beforeResume) {
            await beforeResume(lastEventId);
        }
        const response = await fetch(input, init);
        const type = response.headers.get('content-type') ?? '';
        if (!response.ok || !response.body || !type.startsWith('text/event-stream')) {
            return response;
        }
        const connection = new Connection(method, body, lastEventId, response, changed);
        connections.push(connection);
        changed.bump();
        return new Response(connection.body, {
            status: response.status, statusText: response.statusText, headers: response.headers
        });
    };
    return { fetch: fetchFn, requests, connections, changed };
}

/** Runs a scenario: exit 0 at its end (open streams and timers do not keep the process), 1 with the error. */
export function run(scenario) {
    scenario().then(() => {
        emit({ reported });
        process.exit(0);
    }, e => {
        emit({ error: String(e?.stack ?? e), reported });
        console.error(e?.stack ?? e);
        process.exit(1);
    });
}
