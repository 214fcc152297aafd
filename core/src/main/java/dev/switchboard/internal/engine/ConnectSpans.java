package dev.switchboard.internal.engine;

import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.internal.tracing.Tracing;
import dev.switchboard.internal.status.StatusSnapshot;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The span of each server's connection attempt in progress: begun when the server turns CONNECTING, ended by the
 * state the attempt leads to (READY, or a failure with its code). Made from the state changes every connection
 * reports anyway, so that the connections themselves know nothing of tracing.
 */
final class ConnectSpans {
    private final Tracing tracing;
    private final Map<String, Span> open = new ConcurrentHashMap<>();

    ConnectSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    void changed(StatusSnapshot status, Function<String, ServerConfig> configs) {
        if (status.state() == ServerState.CONNECTING) {
            Span before = open.put(status.name(), tracing.startConnect(status.name(), configs.apply(status.name())));
            if (before != null) {
                Tracing.end(before, ErrorCode.INTERNAL); // never ended: no state after it was reported
            }
            return;
        }
        Span span = open.remove(status.name());
        if (span == null) {
            return;
        }
        if (status.state() == ServerState.READY) {
            if (status.protocolVersion() != null) {
                span.setAttribute(Tracing.PROTOCOL, status.protocolVersion());
            }
            Tracing.end(span, null);
        } else {
            ErrorInfo last = status.lastError();
            Tracing.end(span, last != null ? last.code() : ErrorCode.SERVER_UNAVAILABLE);
        }
    }

    /** Ends the attempts still open, as the instance closes. */
    void close() {
        open.keySet().forEach(name -> {
            Span span = open.remove(name);
            if (span != null) {
                Tracing.end(span, ErrorCode.SHUTTING_DOWN);
            }
        });
    }
}
