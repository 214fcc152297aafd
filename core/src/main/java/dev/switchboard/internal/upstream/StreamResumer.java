package dev.switchboard.internal.upstream;

import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.spi.Sleeper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes a Streamable HTTP answer stream that ended early: waits the server's {@code retry:} interval, reconnects
 * with a GET carrying {@code Last-Event-ID}, and hands the messages that arrive there to the session, as if they had
 * come on the original stream. Bounded: a few resumptions, then the request is left to its deadline.
 */
final class StreamResumer {
    private static final Logger log = LoggerFactory.getLogger(StreamResumer.class);
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    private static final int MAX_RESUMES = 3;

    private final String server;
    private final Supplier<Map<String, String>> headers;
    private final Supplier<HttpClient> client;
    private final Consumer<McpSchema.JSONRPCMessage> deliver;
    private final Sleeper sleeper;
    private final Consumer<IOException> serverGone;
    private final LogGate gate;
    private final java.util.Set<Thread> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * @param headers the headers of every request, asked anew each time (an OAuth token changes)
     * @param serverGone told when a stream cannot be reopened at all: the server is no longer there
     */
    StreamResumer(String server, Supplier<Map<String, String>> headers, Supplier<HttpClient> client,
            Consumer<McpSchema.JSONRPCMessage> deliver, Sleeper sleeper, Consumer<IOException> serverGone,
            LogGate gate) {
        this.server = server;
        this.gate = gate;
        this.serverGone = serverGone;
        this.headers = headers;
        this.client = client;
        this.deliver = deliver;
        this.sleeper = sleeper;
    }

    /** Starts resuming in the background, unless the session is closing. */
    void resume(SseInterruption interruption) {
        if (stopped) {
            return;
        }
        Thread t = Thread.ofVirtual().name("switchboard-resume-" + server).unstarted(() -> {
            try {
                run(interruption, 1);
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(t);
        t.start();
        if (stopped) {
            t.interrupt();
        }
    }

    /** The session is closing: no new resumption, and those under way end now (their streams break with it). */
    void stop() {
        stopped = true;
        running.forEach(Thread::interrupt);
        for (Thread t : running) {
            try {
                t.join(java.time.Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(SseInterruption i, int attempt) {
        try {
            sleeper.sleep(i.retry() != null ? i.retry() : DEFAULT_RETRY);
            HttpClient http = client.get();
            if (http == null || stopped) {
                return;
            }
            HttpRequest.Builder get = HttpRequest.newBuilder(i.uri()).GET().header("Accept", "text/event-stream");
            if (i.lastEventId() != null) {
                get.header("Last-Event-ID", i.lastEventId());
            }
            headers.get().forEach(get::setHeader);
            if (i.sessionId() != null) {
                get.header("mcp-session-id", i.sessionId());
            }
            gate.info(log, LogEvents.UPSTREAM_STREAM_RESUMED).addKeyValue("server", server)
                    .addKeyValue("last_event_id", String.valueOf(i.lastEventId())).addKeyValue("attempt", attempt)
                    .log();
            HttpResponse<Stream<String>> response = http.send(get.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() / 100 != 2) {
                gate.warn(log, LogEvents.UPSTREAM_STREAM_RESUME_REFUSED).addKeyValue("server", server)
                        .addKeyValue("status", response.statusCode()).log();
                return;
            }
            SseInterruption again = read(response.body().iterator(), i);
            // A stream that ended quietly without the answer is resumed again; one that breaks off is reported by
            // the client's stream watch, which starts a new resumption itself.
            if (again != null && attempt < MAX_RESUMES) {
                run(again, attempt + 1);
            }
        } catch (java.io.UncheckedIOException e) {
            gate.debug(log, LogEvents.UPSTREAM_STREAM_RESUME_BROKE_OFF).addKeyValue("server", server)
                    .addKeyValue("error", e.toString()).log();
        } catch (IOException e) {
            gate.warn(log, LogEvents.UPSTREAM_STREAM_RESUME_FAILED).addKeyValue("server", server)
                    .addKeyValue("error", e.toString()).log();
            if (!stopped) {
                serverGone.accept(e); // the stream broke and the server cannot be reached: it is down
            }
        } catch (RuntimeException e) {
            gate.warn(log, LogEvents.UPSTREAM_STREAM_RESUME_FAILED).addKeyValue("server", server)
                    .addKeyValue("error", e.toString()).log();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivers every message of the stream; returns where to resume again if it ended before carrying any. */
    private SseInterruption read(Iterator<String> lines, SseInterruption from) {
        String lastId = from.lastEventId();
        Duration retry = from.retry();
        StringBuilder data = new StringBuilder();
        boolean delivered = false;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                delivered |= dispatch(data);
            } else if (line.startsWith("id:")) {
                lastId = line.substring(3).strip();
            } else if (line.startsWith("retry:")) {
                retry = parseRetry(line.substring(6).strip(), retry);
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
            }
        }
        delivered |= dispatch(data);
        return delivered ? null : new SseInterruption(from.uri(), from.sessionId(), lastId, retry);
    }

    private boolean dispatch(StringBuilder data) {
        if (data.isEmpty()) {
            return false;
        }
        String json = data.toString();
        data.setLength(0);
        try {
            deliver.accept(McpSchema.deserializeJsonRpcMessage(McpJsonDefaults.getMapper(), json));
            return true;
        } catch (IOException e) {
            gate.warn(log, LogEvents.UPSTREAM_STREAM_RESUME_BAD_EVENT).addKeyValue("server", server)
                    .addKeyValue("error", e.toString()).log();
            return false;
        }
    }

    private static Duration parseRetry(String text, Duration otherwise) {
        try {
            return Duration.ofMillis(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
