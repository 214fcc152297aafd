package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.GatherResult;
import dev.switchboard.GatherStats;
import dev.switchboard.ServerResources;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each gather logs gather.start, gather.server.done per server and gather.done, and the stats add up the same. */
class ReportsGatherEventsAndStatsTest {

    @Test
    void eventsAndStatsCarryTheSameNumbersAsTheResult() {
        try (var one = FakeMcpServer.builder().name("one")
                .resource(FakeResource.text("one://a", "a", "text/plain", "12345"),
                        FakeResource.blob("one://b", "b", "application/octet-stream", new byte[7])).startHttp();
             var two = FakeMcpServer.builder().name("two")
                .resource(FakeResource.text("two://c", "c", "text/plain", "héllo")).startHttp();
             var sb = Switchboard.start(ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(
                     ResourceFixtures.http("one", one, ResourceFixtures.options(10)),
                     ResourceFixtures.http("two", two, ResourceFixtures.options(20)))));
             var events = new ResourceFixtures.Events()) {
            GatherResult first = sb.gatherResources();
            sb.gatherResources();

            assertThat(first.server("one").orElseThrow().bytes()).isEqualTo(5 + 7);
            assertThat(first.server("two").orElseThrow().bytes()).as("UTF-8 bytes").isEqualTo(6);
            assertThat(events.named("gather.start")).hasSize(2);
            assertThat(ResourceFixtures.Events.fields(events.named("gather.start").get(0)))
                    .containsEntry("servers", 2).containsEntry("policy", "best-effort");
            List<ILoggingEvent> done = events.named("gather.server.done");
            assertThat(done).hasSize(4);
            for (ServerResources s : first.servers()) {
                Map<String, Object> f = ResourceFixtures.Events.fields(done.stream()
                        .filter(e -> s.server().equals(ResourceFixtures.Events.field(e, "server"))).findFirst()
                        .orElseThrow());
                assertThat(f).containsEntry("resources", s.resources().size()).containsEntry("bytes", s.bytes())
                        .containsKey("duration_ms");
            }
            assertThat(ResourceFixtures.Events.fields(events.named("gather.done").get(0)))
                    .containsEntry("servers", 2).containsEntry("failed", 0).containsEntry("resources", 3)
                    .containsEntry("bytes", 18L);
            GatherStats stats = sb.gatherStats();
            assertThat(stats.gathers()).isEqualTo(2);
            assertThat(stats.failedGathers()).isZero();
            assertThat(stats.serverGathers()).isEqualTo(4);
            assertThat(stats.resources()).isEqualTo(6);
            assertThat(stats.bytes()).isEqualTo(36);
            assertThat(stats.lastDuration()).isPositive();
        }
    }
}
