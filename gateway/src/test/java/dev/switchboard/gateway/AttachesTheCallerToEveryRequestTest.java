package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.GatewayToken;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a handler behind the access check (such as the REST API under {@code /api}) sees: {@link Caller#of} gives the
 * caller of the request's token, with its control flag and filters, and {@link Caller#permitCall()} its share of the
 * rate limits, which {@link AccessHandler#tooManyCalls} answers with 429 and {@code Retry-After}. Without tokens,
 * every request is {@link Caller#ANYONE}.
 */
class AttachesTheCallerToEveryRequestTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private Server server;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void theCallerCarriesItsTokensControlFlagAndFilters() throws Exception {
        URI base = start(Guarded.tokens());
        RawClient raw = new RawClient(base);

        RawClient.Answer admin = get(raw, base, Guarded.ADMIN.token());
        RawClient.Answer githubOnly = get(raw, base, Guarded.GITHUB_ONLY.token());
        RawClient.Answer searchOnly = get(raw, base, Guarded.SEARCH_ONLY.token());

        assertThat(admin.body()).isEqualTo("{\"name\":\"admin\",\"control\":true,\"docs\":true,\"delete\":true}");
        assertThat(githubOnly.body()).isEqualTo("{\"name\":\"github-only\",\"control\":false,\"docs\":false,"
                + "\"delete\":true}");
        assertThat(searchOnly.body()).isEqualTo("{\"name\":\"search-only\",\"control\":false,\"docs\":true,"
                + "\"delete\":false}");
        assertThat(get(raw, base, null).status()).isEqualTo(401);
    }

    @Test
    void aCallOverTheLimitIs429WithRetryAfterUntilThePeriodPasses() throws Exception {
        URI base = start(Guarded.tokens());
        RawClient raw = new RawClient(base);

        assertThat(call(raw, base).status()).isEqualTo(200);
        assertThat(call(raw, base).status()).isEqualTo(200);
        RawClient.Answer refused = call(raw, base);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().path("detail").asText()).startsWith("RATE_LIMITED: the call was not made: token"
                + " 'limited'").endsWith("try again in 60 s");

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(call(raw, base).status()).isEqualTo(200);
    }

    @Test
    void withoutTokensEveryoneIsAnyone() throws Exception {
        URI base = start(List.of());

        assertThat(get(new RawClient(base), base, null).body()).isEqualTo("{\"name\":\"anyone\",\"control\":true,"
                + "\"docs\":true,\"delete\":true}");
    }

    private URI start(List<GatewayToken> tokens) throws Exception {
        GatewaySettings settings = GatewaySettings.builder().port(0).tokens(tokens).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new AccessHandler(settings, new AccessControl(settings, "__", nanos::get),
                Clock.systemUTC(), () -> { }, new Probe()));
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    private static RawClient.Answer get(RawClient raw, URI base, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/probe")).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return raw.send(b.build());
    }

    private static RawClient.Answer call(RawClient raw, URI base) {
        return raw.send(HttpRequest.newBuilder(base.resolve("/api/v1/probe")).header("Authorization", "Bearer "
                + Guarded.LIMITED.token()).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Answers what it sees of the caller; a POST is a tool call, which takes a share of the rate limits. */
    private static final class Probe extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Caller caller = Caller.of(request);
            if ("POST".equals(request.getMethod())) {
                Duration wait = caller.permitCall();
                if (wait != null) {
                    AccessHandler.tooManyCalls(request, response, callback, caller, wait);
                    return true;
                }
            }
            ObjectNode seen = JsonRpc.object();
            seen.put("name", caller.name());
            seen.put("control", caller.mayControl());
            seen.put("docs", caller.maySee("docs", null));
            seen.put("delete", caller.maySee("github", "delete_repo"));
            Replies.json(response, callback, HttpStatus.OK_200, seen);
            return true;
        }
    }
}
