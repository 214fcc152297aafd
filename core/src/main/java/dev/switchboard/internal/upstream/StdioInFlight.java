package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ids of requests written to a server and not answered yet.
 *
 * <p>Why the transport tracks them: the SDK's {@code McpClientSession} (2.1.0) fails its pending requests only when
 * the session itself is closed; a transport error reaches nothing but {@code LifecycleInitializer.handleException},
 * which ignores everything except "session not found". So when the process dies, the transport answers each
 * pending request itself with a JSON-RPC error response, and the session fails the caller at once instead of after
 * the request timeout.
 *
 * <p>Each id is answered exactly once: whoever removes it from the map (a real response, a synthesized failure, or a
 * send that lost the race with the exit) owns it.
 *
 * <p>It also knows how far the server has read its stdin: a server that answers a request has read all of it, so the
 * end of the latest answered request is a position it has certainly reached ({@link #consumed()}).
 */
final class StdioInFlight {
    /** A request written (or about to be) and not answered yet. */
    static final class Pending {
        final Object id;
        final String method;
        // Where the request's line ends in the stdin stream, once written; -1 before.
        volatile long end = -1;

        Pending(Object id, String method) {
            this.id = id;
            this.method = method;
        }
    }

    /** The JSON-RPC error code of responses the transport makes up (the implementation-defined server range). */
    static final int TRANSPORT_FAILURE = -32000;
    /** Key in the error's {@code data} that carries the {@link ErrorCode} name. */
    static final String ERROR_CODE_KEY = "switchboardErrorCode";

    private final Map<Object, Pending> byId = new ConcurrentHashMap<>();
    private final AtomicLong consumed = new AtomicLong();

    Pending sent(Object id, String method) {
        Pending p = new Pending(id, method);
        byId.put(id, p);
        return p;
    }

    /** The server answered this id itself: forgets it, and notes that the server read its request. */
    void answered(Object id) {
        Pending p = id == null ? null : byId.remove(id);
        if (p != null && p.end > consumed.get()) {
            consumed.accumulateAndGet(p.end, Math::max);
        }
    }

    /** A position in the stdin stream the server has certainly read up to. */
    long consumed() {
        return consumed.get();
    }

    /** Forgets the id; true when it was still pending (so the caller owns its answer). */
    boolean remove(Object id) {
        return take(id) != null;
    }

    /** Forgets the id and returns its request's method, or null when it was answered already. */
    String take(Object id) {
        Pending p = id == null ? null : byId.remove(id);
        return p == null ? null : p.method;
    }

    int size() {
        return byId.size();
    }

    /** Takes every pending id and makes an error response for it. */
    List<JSONRPCResponse> failAll(ErrorCode code, String message) {
        List<JSONRPCResponse> out = new ArrayList<>();
        for (Object id : List.copyOf(byId.keySet())) {
            Pending p = byId.remove(id);
            if (p != null) {
                out.add(failure(id, p.method, code, message));
            }
        }
        return out;
    }

    static JSONRPCResponse failure(Object id, String method, ErrorCode code, String message) {
        Map<String, Object> data = Map.of(ERROR_CODE_KEY, code.name(), "method", method);
        return JSONRPCResponse.error(id, new JSONRPCError(TRANSPORT_FAILURE, message, data));
    }
}
