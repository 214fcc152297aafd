package dev.switchboard.upstream;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Wraps a transport so that Switchboard hears about transport failures too.
 *
 * <p>The SDK's HTTP transports report a failed POST (401, connection refused, 5xx) only to the exception handler
 * that {@code McpAsyncClient} installs, which ignores it: the request then waits for its full timeout. Hearing it
 * here lets the connection fail the request at once with the real reason.
 */
final class InterceptingTransport implements McpClientTransport {
    private final McpClientTransport delegate;
    private final Consumer<Throwable> onError;

    InterceptingTransport(McpClientTransport delegate, Consumer<Throwable> onError) {
        this.delegate = delegate;
        this.onError = onError;
        delegate.setExceptionHandler(onError);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(t -> {
            onError.accept(t);
            handler.accept(t);
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
