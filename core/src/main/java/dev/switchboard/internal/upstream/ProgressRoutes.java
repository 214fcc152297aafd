package dev.switchboard.internal.upstream;

import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes {@code notifications/progress} to the call that asked for them, by progress token. A token lives exactly
 * as long as its call waits; a report for a finished call is dropped.
 */
final class ProgressRoutes {
    private final Map<String, CallHandle> byToken = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final LogGate gate;

    /** @param gate where a failing progress callback of a call is logged */
    ProgressRoutes(LogGate gate) {
        this.gate = gate;
    }

    /** A fresh token routed to {@code handle}. */
    String open(CallHandle handle) {
        String token = "sb-" + next.incrementAndGet();
        byToken.put(token, handle);
        return token;
    }

    void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    void deliver(McpSchema.ProgressNotification n) {
        CallHandle h = n.progressToken() == null ? null : byToken.get(n.progressToken().toString());
        if (h != null) {
            h.progress(n, gate);
        }
    }

    int size() {
        return byToken.size();
    }
}
