package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/servers} and {@code /servers/{name}} report what an operator needs of each server: state,
 * transport, protocol version, health, breaker, restarts, the call numbers of the calls made, and a 404 problem for
 * a name that is not configured.
 */
class ReportsServerStatusOverRestTest {
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        StdioServer alpha = Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha-server").version("1.2.3")
                .tool(FakeTool.echo("echo"), FakeTool.error("broken", "disk full")).build());
        fixture = Fixture.start(List.of(alpha.withOptions(alpha.options().toBuilder().aliases(List.of("a")).build()),
                Fixture.stdio("beta", FakeMcpServer.builder().tool(FakeTool.text("lookup", "found")).build())));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void listsEveryServerWithItsConnectionHealthAndBreaker() {
        RestClient.Answer a = rest.get("/api/v1/servers");

        assertThat(a.status()).isEqualTo(200);
        JsonNode servers = a.json().path("servers");
        assertThat(RestClient.each(servers, "name")).contains("alpha", "beta");
        JsonNode alpha = servers.get(0);
        assertThat(alpha.path("name").asText()).isEqualTo("alpha");
        assertThat(alpha.path("state").asText()).isEqualTo("READY");
        assertThat(alpha.path("transport").asText()).isEqualTo("stdio");
        assertThat(alpha.path("protocolVersion").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(alpha.path("serverInfo").path("name").asText()).isEqualTo("alpha-server");
        assertThat(alpha.path("serverInfo").path("version").asText()).isEqualTo("1.2.3");
        assertThat(alpha.path("tools").asInt()).isEqualTo(2);
        assertThat(alpha.path("restarts").asInt()).isZero();
        assertThat(alpha.path("health").path("consecutiveFailures").asInt()).isZero();
        assertThat(alpha.path("breaker").path("state").asText()).isEqualTo("CLOSED");
        assertThat(alpha.has("lastError")).isFalse();
    }

    @Test
    void oneServerCarriesTheNumbersOfTheCallsMadeToIt() {
        rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\"}");
        rest.post("/api/v1/call", "{\"tool\": \"alpha__broken\"}");

        JsonNode calls = rest.get("/api/v1/servers/alpha").json().path("calls");

        assertThat(calls.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(calls.path("errors").path("TOOL_ERROR").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(calls.path("inFlight").asLong()).isZero();
        assertThat(calls.path("p50Ms").asDouble()).isPositive();
    }

    @Test
    void aServerIsFoundByItsAliasToo() {
        RestClient.Answer a = rest.get("/api/v1/servers/a");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("name").asText()).isEqualTo("alpha");
    }

    @Test
    void anUnknownServerIsA404ProblemThatNamesTheKnownOnes() {
        RestClient.Answer a = rest.get("/api/v1/servers/gamma");

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
        assertThat(a.json().path("code").asText()).isEqualTo("UNKNOWN_SERVER");
        assertThat(a.json().path("type").asText()).isEqualTo("tag:switchboard.dev,2025:problem:unknown-server");
        assertThat(a.json().path("server").asText()).isEqualTo("gamma");
        assertThat(a.json().path("detail").asText()).contains("alpha", "beta");
    }
}
