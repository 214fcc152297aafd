package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ServerStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;

/**
 * {@code GET /api/v1/events}: the library's events as server-sent events, for the dashboard and any integrator. The
 * stream opens with an {@code open} event naming the servers the caller may see, then sends each event of those
 * servers (or of the one named by {@code ?server=}) as it happens: {@code event:} is its kind, {@code data:} its JSON
 * (id, time, server, kind, details). A client that reads too slowly gets {@code dropped} (how many it lost) instead of
 * the oldest events, a comment every {@link #HEARTBEAT} keeps proxies from cutting a quiet stream, and the stream ends
 * with a {@code closed} event when the gateway stops or the caller's token is revoked. There is no replay: after a
 * reconnect, read the status again.
 */
final class RestEvents {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long an EventSource waits before it reconnects. */
    private static final int RETRY_MILLIS = 3000;

    private RestEvents() {
    }

    static void stream(RestExchange x) throws Exception {
        if (!(x.request.getAttribute(ServerEvents.ATTRIBUTE) instanceof ServerEvents feed)) {
            throw RestProblem.request(RestProblems.NOT_FOUND, "this gateway has no event stream");
        }
        String wanted = x.query("server");
        String server = wanted == null ? null : x.server(wanted).name(); // 404 for a server the caller may not see
        ServerEvents.Subscription sub = feed.subscribe(x.caller(), server);
        try {
            x.response.setStatus(200);
            x.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            x.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store, no-transform");
            // nginx buffers responses unless told not to, which would hold events back until its buffer fills.
            x.response.getHeaders().put("X-Accel-Buffering", "no");
            send(x, "retry: " + RETRY_MILLIS + "\n" + event(0, "open", opened(x, feed, server)));
            while (true) {
                EventBuffer.Taken t = sub.buffer().take(HEARTBEAT);
                if (t.closed() != null) {
                    ObjectNode d = JsonRpc.object();
                    d.put("reason", t.closed());
                    send(x, event(0, "closed", envelope(feed, "closed", null, d)));
                    x.response.write(true, BufferUtil.EMPTY_BUFFER, x.callback);
                    return;
                }
                if (t.dropped() > 0) {
                    ObjectNode d = JsonRpc.object();
                    d.put("count", t.dropped());
                    d.put("reason", "the client read more slowly than events came; read the status again");
                    send(x, event(0, "dropped", envelope(feed, "dropped", null, d)));
                } else if (t.event() == null) {
                    send(x, ": keep-alive\n\n");
                } else {
                    send(x, event(t.event().id(), t.event().kind(), t.event().json(x.caller())));
                }
            }
        } catch (IOException | InterruptedException gone) {
            if (gone instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            x.callback.failed(gone); // the client left: nothing to answer
        } finally {
            feed.unsubscribe(sub);
        }
    }

    private static ObjectNode opened(RestExchange x, ServerEvents feed, String server) {
        ObjectNode d = JsonRpc.object();
        var names = d.putArray("servers");
        x.switchboard.status().stream().map(ServerStatus::name)
                .filter(n -> (server == null || n.equals(server)) && x.caller().maySee(n, null)).forEach(names::add);
        return envelope(feed, "open", server, d);
    }

    private static ObjectNode envelope(ServerEvents feed, String kind, String server, ObjectNode details) {
        ObjectNode out = JsonRpc.object();
        out.put("id", 0);
        out.put("time", feed.now().toString());
        out.put("server", server);
        out.put("kind", kind);
        out.set("details", details);
        return out;
    }

    private static String event(long id, String kind, JsonNode data) {
        return (id > 0 ? "id: " + id + "\n" : "") + "event: " + kind + "\ndata: "
                + new String(JsonRpc.bytes(data), StandardCharsets.UTF_8) + "\n\n";
    }

    private static void send(RestExchange x, String text) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            x.response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
            written.block();
        }
    }
}
