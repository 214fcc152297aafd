package dev.switchboard.internal.upstream;

import dev.switchboard.internal.auth.BearerSource;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Plugs a server's {@link BearerSource} (its OAuth client, or one user's credentials) into the SDK's Streamable HTTP transport: a request customizer that sets the
 * bearer token on every request, and the transport's 401/403 handler, which runs the flow and has the transport
 * repeat the refused request. Anything that may block (a refresh, a whole authorization) runs on a virtual thread,
 * never on the HTTP client's or Reactor's.
 */
final class OAuthHooks {
    /**
     * Repeats of one refused request: a 401, then a 403 step-up, then one more 403 step-up; the client's own bounds
     * stop a server that keeps refusing before this does.
     */
    private static final int MAX_REPLAYS = 3;

    private final BearerSource client;
    private final Executor blocking;

    OAuthHooks(BearerSource client, String server) {
        this.client = client;
        this.blocking = task -> Thread.ofVirtual().name("switchboard-oauth-" + server).start(task);
    }

    McpAsyncHttpClientRequestCustomizer customizer() {
        return (builder, method, uri, body, context) -> {
            if (!client.refreshDue()) {
                return Mono.just(withToken(builder, current()));
            }
            return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> withToken(builder, current()),
                    blocking));
        };
    }

    McpHttpClientTransportAuthorizationErrorHandler errorHandler() {
        return new McpHttpClientTransportAuthorizationErrorHandler() {
            @Override
            public Publisher<Boolean> handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
                    McpTransportContext context) {
                String challenge = response.headers().firstValue("www-authenticate").orElse(null);
                String sent = request.headers().firstValue("authorization").orElse(null);
                return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> refused(response.statusCode(),
                        challenge, sent), blocking));
            }

            @Override
            public int maxRetries() {
                return MAX_REPLAYS;
            }
        };
    }

    /** The static headers with the current token, for requests Switchboard sends itself (resumed streams). */
    Map<String, String> headers(Map<String, String> configured) {
        String token = current();
        if (token == null) {
            return configured;
        }
        Map<String, String> all = new LinkedHashMap<>(configured);
        all.put("Authorization", token);
        return all;
    }

    private String current() {
        try {
            return client.authorization();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean refused(int status, String challenge, String sent) {
        try {
            return client.onRefused(status, challenge, sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder builder, String token) {
        if (token != null) {
            builder.setHeader("Authorization", token);
        }
        return builder;
    }
}
