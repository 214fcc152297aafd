package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CallOptions;
import dev.switchboard.CallProgress;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;

/**
 * One REST call answered as a server-sent event stream: {@code progress} events as the server reports them, then one
 * {@code result} (or {@code error}, a problem document) event, and the stream ends. A failure before the stream has
 * started (no progress yet) is answered like a JSON call, as a problem with its HTTP status. A client that closes the
 * stream cancels the call, on its server too.
 */
final class RestCallStream {
    /** A comment at this interval keeps proxies from closing a silent stream and reveals a client that left. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Progress reports waiting to be written beyond this many are dropped: the next one says as much. */
    private static final int MAX_PENDING_PROGRESS = 256;

    private record Done(ToolResult result, SwitchboardException error) {
    }

    private final RestExchange x;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingProgress = new AtomicInteger();
    private boolean started;

    private RestCallStream(RestExchange x) {
        this.x = x;
    }

    static void run(RestExchange x, RestTools.Prepared call) {
        new RestCallStream(x).serve(call);
    }

    private void serve(RestTools.Prepared call) {
        CancellationToken token = new CancellationToken();
        // The progress callback runs on Switchboard's I/O thread: it only queues, the request's thread writes.
        CallOptions options = call.options().withCancellation(token).withProgress(p -> {
            if (pendingProgress.incrementAndGet() <= MAX_PENDING_PROGRESS) {
                events.add(p);
            } else {
                pendingProgress.decrementAndGet();
            }
        });
        Thread.ofVirtual().name("switchboard-rest-call").start(() -> events.add(complete(call, options)));
        try {
            while (true) {
                Object event = events.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    send(": keep-alive\n\n");
                } else if (event instanceof CallProgress p) {
                    pendingProgress.decrementAndGet();
                    send(event("progress", progress(p)));
                } else {
                    finish(call, (Done) event);
                    return;
                }
            }
        } catch (IOException | InterruptedException gone) {
            if (gone instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            token.cancel("the client closed the event stream of the call");
            x.callback.failed(gone);
        }
    }

    private Done complete(RestTools.Prepared call, CallOptions options) {
        try {
            return new Done(x.switchboard.call(call.call(), options), null);
        } catch (SwitchboardException e) {
            return new Done(null, e);
        } catch (RuntimeException e) {
            return new Done(null, new SwitchboardException(ErrorCode.INTERNAL, call.entry().server(),
                    call.entry().tool(), "the gateway failed to run the call: " + e, e));
        }
    }

    private void finish(RestTools.Prepared call, Done done) throws IOException {
        if (done.error() != null && !started) {
            throw x.problem(done.error()); // answered with its status, as a JSON call would be
        }
        String last = done.error() == null ? event("result", RestJson.callResult(call.entry(), done.result()))
                : event("error", x.problem(done.error()).body());
        send(last);
        x.response.write(true, BufferUtil.EMPTY_BUFFER, x.callback);
    }

    private static ObjectNode progress(CallProgress p) {
        ObjectNode out = JsonRpc.object();
        out.put("progress", p.progress());
        if (p.total() != null) {
            out.put("total", p.total());
        }
        if (p.message() != null) {
            out.put("message", p.message());
        }
        return out;
    }

    private static String event(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + new String(JsonRpc.bytes(data), StandardCharsets.UTF_8) + "\n\n";
    }

    private void send(String text) throws IOException {
        if (!started) {
            started = true;
            x.response.setStatus(200);
            x.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
            x.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
        }
        try (Blocker.Callback written = Blocker.callback()) {
            x.response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
            written.block();
        }
    }
}
