package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server's {@code recent} figures are differences between samples of the library's own numbers: the calls and
 * failures since the oldest sample of the last minute, their error rate, and the probe results seen, on a clock the
 * test moves (the gateway's own sampler runs on the real clock and is not used here).
 */
class ReportsRecentCallsAndProbesTest {
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder()
                .tool(FakeTool.echo("echo"), FakeTool.error("broken", "disk full")).build())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void callsAndErrorsOfTheLastMinuteAndTheProbesSeen() {
        SettableClock clock = new SettableClock();
        ServerEvents events = new ServerEvents(clock, 16);
        ServerEvents.Subscription heard = events.subscribe(Caller.ANYONE, null);
        ServerTrends trends = new ServerTrends(fixture.switchboard, clock, events);
        trends.sample();

        fixture.switchboard.call("alpha", "echo", Map.of("n", 1));
        fixture.switchboard.call("alpha", "echo", Map.of("n", 2));
        fixture.switchboard.call("alpha", "broken", Map.of());
        clock.advance(Duration.ofSeconds(30));
        JsonNode recent = trends.json("alpha", RestServers.serverStats(fixture.switchboard).get("alpha"));

        assertThat(recent.path("windowSeconds").asInt()).isEqualTo(30);
        assertThat(recent.path("calls").asInt()).isEqualTo(3);
        assertThat(recent.path("failed").asInt()).isEqualTo(1);
        assertThat(recent.path("errorRate").asDouble()).isCloseTo(1.0 / 3, offset(1e-9));
        JsonNode probes = recent.path("probes");
        assertThat(probes.size()).as("the connection's first health check, seen by the first sample").isEqualTo(1);
        assertThat(probes.get(0).path("ok").asBoolean()).isTrue();
        assertThat(heard.buffer().size()).as("a probe event for it").isEqualTo(1);

        trends.sample();
        clock.advance(Duration.ofSeconds(61));
        trends.sample();
        JsonNode later = trends.json("alpha", RestServers.serverStats(fixture.switchboard).get("alpha"));

        assertThat(later.path("calls").asInt()).as("older calls are out of the window").isZero();
        assertThat(later.path("errorRate").isNull()).isTrue();
        assertThat(later.path("probes").size()).as("no new probe, none counted twice").isEqualTo(1);
    }
}
