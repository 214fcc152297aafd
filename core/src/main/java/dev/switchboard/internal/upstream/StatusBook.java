package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.internal.status.StatusSnapshot;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The facts about one connection that outlive a session: state, attempts, last error, last good connect. */
final class StatusBook {
    private final ServerConfig config;
    private volatile ServerState state = ServerState.CONNECTING;
    private volatile int attempts;
    private volatile Instant since;
    private volatile ErrorInfo lastError;

    StatusBook(ServerConfig config) {
        this.config = config;
    }

    ServerState state() {
        return state;
    }

    /**
     * Enters {@code s} at {@code at}. Staying in the same state keeps the time it was entered, and so does going
     * between CONNECTING and RETRYING: they alternate with every attempt while the server is being reconnected.
     */
    void state(ServerState s, Instant at) {
        if (since == null || reconnecting(s) != reconnecting(state) || !reconnecting(s) && s != state) {
            since = at;
        }
        state = s;
    }

    private static boolean reconnecting(ServerState s) {
        return s == ServerState.CONNECTING || s == ServerState.RETRYING;
    }

    int attempts() {
        return attempts;
    }

    void attempt() {
        attempts++;
    }

    void ready(UpstreamSession s) {
        attempts = 0;
        lastError = null;
    }

    ErrorInfo lastError() {
        return lastError;
    }

    void failed(ErrorInfo error) {
        lastError = error;
    }

    StatusSnapshot snapshot(UpstreamSession s) {
        var o = config.options();
        if (s == null) {
            return StatusSnapshot.connection(config.name(), config.transport(), state, o.required(), o.priority(), null,
                    null, null, List.of(), -1, -1, -1, null, null, attempts, since, lastError);
        }
        McpSchema.InitializeResult init = s.init;
        McpSchema.Implementation info = init.serverInfo();
        return StatusSnapshot.connection(config.name(), config.transport(), state, o.required(), o.priority(),
                init.protocolVersion(), info == null ? null : info.name(), info == null ? null : info.version(),
                capabilities(init.capabilities()), s.tools().size(), s.resourceCount, s.promptCount, s.readyAt,
                s.connectDuration, attempts, since, lastError);
    }

    private static List<String> capabilities(McpSchema.ServerCapabilities c) {
        List<String> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        if (c.tools() != null) {
            out.add("tools");
        }
        if (c.resources() != null) {
            out.add("resources");
        }
        if (c.prompts() != null) {
            out.add("prompts");
        }
        if (c.logging() != null) {
            out.add("logging");
        }
        if (c.completions() != null) {
            out.add("completions");
        }
        return out;
    }

}
