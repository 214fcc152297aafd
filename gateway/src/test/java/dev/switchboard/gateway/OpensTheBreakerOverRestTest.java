package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose breaker opened after a timeout (504) answers the next call at once with 503 CIRCUIT_OPEN and a
 * {@code Retry-After} that says when the breaker lets a trial call through; its status shows the open breaker.
 */
class OpensTheBreakerOverRestTest {
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        StdioServer flaky = Fixture.stdio("flaky", FakeMcpServer.builder()
                .tool(FakeTool.hang("hang"), FakeTool.echo("echo")).build());
        CallPolicy calls = CallPolicy.builder().retryAttempts(1).breaker(BreakerPolicy.builder().failureThreshold(1)
                .openFor(Duration.ofMinutes(1)).build()).build();
        fixture = Fixture.start(List.of(flaky.withOptions(flaky.options().toBuilder().calls(calls).build())));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aTimeoutOpensTheBreakerAndTheNextCallIs503WithRetryAfter() {
        RestClient.Answer timedOut = rest.post("/api/v1/call", "{\"tool\": \"flaky__hang\", \"timeout\": \"200ms\"}");
        assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);

        RestClient.Answer refused = rest.post("/api/v1/call", "{\"tool\": \"flaky__echo\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().path("code").asText()).isEqualTo("CIRCUIT_OPEN");
        assertThat(refused.json().path("server").asText()).isEqualTo("flaky");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).as("the rest of the breaker's minute").isBetween(1L, 60L).isGreaterThan(30L);
        assertThat(refused.json().path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        var server = rest.get("/api/v1/servers/flaky").json();
        assertThat(server.path("breaker").path("state").asText()).isEqualTo("OPEN");
        assertThat(server.path("breaker").path("changedAt").asText()).isNotBlank();
        assertThat(server.path("calls").path("errors").path("TIMEOUT").asLong()).isEqualTo(1);
    }
}
