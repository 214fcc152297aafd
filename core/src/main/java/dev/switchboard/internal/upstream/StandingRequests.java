package dev.switchboard.internal.upstream;

import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What clients of Switchboard asked one server to keep doing: the resources they subscribed to and the log level
 * they set. A server forgets both when its session ends, so each new session (after a crash, an expired session, a
 * reconnect) is given them again; the client never notices the server came back.
 */
final class StandingRequests {
    private static final Logger log = LoggerFactory.getLogger(StandingRequests.class);

    private final String server;
    private final LogGate gate;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile McpSchema.LoggingLevel logLevel;

    /** @param gate the instance's log gate, for a request that fails */
    StandingRequests(String server, LogGate gate) {
        this.server = server;
        this.gate = gate;
    }

    /** Records a subscription; true when it is new (then the server is to be told). */
    boolean subscribe(String uri) {
        return subscriptions.add(uri);
    }

    /** Forgets a subscription; true when there was one. */
    boolean unsubscribe(String uri) {
        return subscriptions.remove(uri);
    }

    void logLevel(McpSchema.LoggingLevel level) {
        logLevel = level;
    }

    /** Repeats every standing request on a new session, through {@code send}; a failure is logged, not fatal. */
    void renew(Sender send) {
        McpSchema.LoggingLevel level = logLevel;
        if (level != null) {
            attempt("logging/setLevel", () -> send.setLevel(level));
        }
        for (String uri : List.copyOf(subscriptions)) {
            attempt("resources/subscribe", () -> send.subscribe(uri));
        }
    }

    boolean isEmpty() {
        return logLevel == null && subscriptions.isEmpty();
    }

    private void attempt(String method, Runnable request) {
        try {
            request.run();
        } catch (SwitchboardException e) {
            gate.warn(log, LogEvents.SERVER_REQUEST_FAILED).addKeyValue("server", server)
                    .addKeyValue("method", method).addKeyValue("error", e.getMessage()).log();
        }
    }

    /** How a standing request reaches the server's current session. */
    interface Sender {
        void setLevel(McpSchema.LoggingLevel level);

        void subscribe(String uri);
    }
}
