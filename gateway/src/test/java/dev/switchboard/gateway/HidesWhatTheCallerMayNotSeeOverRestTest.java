package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API obeys the {@link Caller} that access control attaches to a request: a caller that may see only server
 * alpha gets lists without beta, a 404 for beta's tools, resources and prompts exactly like one for names that do not
 * exist (no suggestion names a hidden one), a bare name routed to the server it may see, 403 on the control
 * endpoints, and 429 with {@code Retry-After} once its rate limit is spent, counted per call and per batch item.
 * The caller is attached here by a handler in front of the API, as access control will.
 */
class HidesWhatTheCallerMayNotSeeOverRestTest {
    private static Switchboard switchboard;
    private static Server server;
    private static RestClient rest;
    private static final AtomicInteger permits = new AtomicInteger();

    /** May see alpha only, may not steer servers, and may make as many calls as {@link #permits} holds. */
    private static final Caller ALPHA_ONLY = new Caller() {
        @Override
        public String name() {
            return "alpha-only";
        }

        @Override
        public boolean maySee(String server, String tool) {
            return "alpha".equals(server);
        }

        @Override
        public boolean mayControl() {
            return false;
        }

        @Override
        public Duration permitCall() {
            return permits.getAndDecrement() > 0 ? null : Duration.ofSeconds(7);
        }
    };

    @BeforeAll
    static void start() throws Exception {
        StdioServer beta = Fixture.stdio("beta", FakeMcpServer.builder().tool(FakeTool.text("echo", "beta's echo"),
                FakeTool.text("secret", "classified"))
                .resource(FakeResource.text("mem://plans", "plans", "text/plain", "secret plans"))
                .prompt(FakePrompt.of("leak", "Leaks", List.of(), "nothing")).build());
        switchboard = Switchboard.start(SwitchboardConfig.builder().servers(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder().tool(FakeTool.echo("echo"))
                        .resource(FakeResource.text("mem://notes", "notes", "text/plain", "remember"))
                        .prompt(FakePrompt.of("greet", "Greets", List.of(), "Hello!")).build()),
                // Beta wins the bare name "echo" by priority: the caller is routed to alpha's instead.
                beta.withOptions(beta.options().toBuilder().priority(1).build()))).build());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Wrapper(new RestApi(switchboard, GatewaySettings.DEFAULT)) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                request.setAttribute(Caller.ATTRIBUTE, ALPHA_ONLY);
                return super.handle(request, response, callback);
            }
        });
        server.start();
        rest = new RestClient(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        switchboard.close();
    }

    @BeforeEach
    void plentyOfCalls() {
        permits.set(100);
    }

    @Test
    void listsShowOnlyWhatTheCallerMaySee() {
        assertThat(RestClient.each(rest.get("/api/v1/servers").json().path("servers"), "name"))
                .containsExactly("alpha");
        JsonNode tools = rest.get("/api/v1/tools").json().path("tools");
        assertThat(RestClient.each(tools, "name")).containsExactly("alpha__echo");
        assertThat(tools.get(0).path("alsoOfferedBy")).isEmpty();
        assertThat(RestClient.each(rest.get("/api/v1/resources").json().path("resources"), "server"))
                .containsExactly("alpha");
        assertThat(RestClient.each(rest.get("/api/v1/prompts").json().path("prompts"), "server"))
                .containsExactly("alpha");
        assertThat(rest.get("/api/v1/resolve?entity=plans").json().path("found").asBoolean()).isFalse();
    }

    @Test
    void aHiddenNameIsAnsweredExactlyLikeOneThatDoesNotExist() {
        JsonNode hidden = rest.post("/api/v1/call", "{\"tool\": \"beta__secret\"}").json();
        JsonNode missing = rest.post("/api/v1/call", "{\"tool\": \"beta__nothing\"}").json();

        assertThat(hidden.path("status").asInt()).isEqualTo(404);
        assertThat(hidden.path("code").asText()).isEqualTo("UNKNOWN_TOOL");
        assertThat(withoutName(hidden, "beta__secret")).isEqualTo(withoutName(missing, "beta__nothing"));
        assertThat(rest.post("/api/v1/call", "{\"tool\": \"secret\"}").status()).isEqualTo(404);
        assertThat(rest.get("/api/v1/servers/beta").status()).isEqualTo(404);
        assertThat(rest.get("/api/v1/servers/beta").json().path("detail").asText()).doesNotContain("alpha");
        assertThat(rest.get("/api/v1/resources/read?uri=mem://plans").status()).isEqualTo(404);
        assertThat(rest.get("/api/v1/resources/read?uri=beta%2Bmem://plans").status()).isEqualTo(404);
        assertThat(rest.post("/api/v1/prompts/get", "{\"name\": \"leak\"}").status()).isEqualTo(404);
    }

    @Test
    void aBareNameGoesToTheServerTheCallerMaySee() {
        RestClient.Answer a = rest.post("/api/v1/call", "{\"tool\": \"echo\"}");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("server").asText()).isEqualTo("alpha");
    }

    @Test
    void theControlEndpointsAre403() {
        RestClient.Answer disable = rest.post("/api/v1/servers/alpha/disable", "");
        RestClient.Answer reload = rest.post("/api/v1/reload", "");

        assertThat(disable.status()).isEqualTo(403);
        assertThat(disable.json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(reload.status()).isEqualTo(403);
        assertThat(switchboard.status("alpha").ready()).isTrue();
    }

    @Test
    void theRateLimitCountsEachCallAndEachBatchItem() {
        permits.set(3);

        assertThat(rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\"}").status()).isEqualTo(200);
        RestClient.Answer batch = rest.post("/api/v1/calls", "{\"calls\": [{\"tool\": \"alpha__echo\"},"
                + " {\"tool\": \"alpha__echo\"}, {\"tool\": \"alpha__echo\"}]}");

        assertThat(batch.status()).isEqualTo(429);
        assertThat(batch.header("Retry-After")).isEqualTo("7");
        assertThat(batch.json().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\"}").status()).isEqualTo(429);
        permits.set(1);
        assertThat(rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\"}").status()).as("and recovers")
                .isEqualTo(200);
    }

    private static JsonNode withoutName(JsonNode problem, String name) {
        ObjectNode copy = problem.deepCopy();
        copy.put("detail", copy.path("detail").asText().replace(name, "<name>"));
        copy.put("tool", copy.path("tool").asText().replace(name, "<name>"));
        return copy;
    }
}
