package dev.switchboard.internal.engine;

import dev.switchboard.ServerSession;
import dev.switchboard.internal.upstream.Upstream;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Objects;

/** {@link ServerSession} over one connection, each request limited by the server's {@code request_timeout}. */
record ForwardingSession(Upstream upstream) implements ServerSession {
    @Override
    public String server() {
        return upstream.name();
    }

    @Override
    public McpSchema.ServerCapabilities capabilities() {
        return upstream.capabilities();
    }

    @Override
    public McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
        Objects.requireNonNull(request, "request");
        return upstream.request("completion/complete", null, timeout(), c -> c.completeCompletion(request));
    }

    @Override
    public void subscribe(String uri) {
        upstream.subscribe(Objects.requireNonNull(uri, "uri"), timeout());
    }

    @Override
    public void unsubscribe(String uri) {
        upstream.unsubscribe(Objects.requireNonNull(uri, "uri"), timeout());
    }

    @Override
    public void setLogLevel(McpSchema.LoggingLevel level) {
        upstream.setLogLevel(Objects.requireNonNull(level, "level"), timeout());
    }

    private Duration timeout() {
        return upstream.options().requestTimeout();
    }
}
