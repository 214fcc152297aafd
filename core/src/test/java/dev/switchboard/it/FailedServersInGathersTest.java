package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.GatherFailure;
import dev.switchboard.GatherOptions;
import dev.switchboard.GatherResult;
import dev.switchboard.ServerResources;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three servers: one healthy, one that cannot be reached, one whose resource read fails. Fail-fast returns nothing
 * and names both failed servers with their reasons; best-effort returns the healthy one and both failures.
 */
class FailedServersInGathersTest {
    private static RunningFakeServer healthy;
    private static Switchboard sb;

    @BeforeAll
    static void start() throws IOException {
        healthy = FakeMcpServer.builder().name("healthy")
                .resource(FakeResource.text("h://one", "one", "text/plain", "fine")).startHttp();
        var dead = HttpServer.builder("dead", URI.create("http://127.0.0.1:" + Ports.unused() + "/mcp"))
                .options(ResourceFixtures.options(20)).build();
        var broken = ScriptedResourceServer.named("broken").items(3).failing("rs://broken/item/1")
                .options(ResourceFixtures.options(30));
        var config = ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(
                ResourceFixtures.http("healthy", healthy, ResourceFixtures.options(10)), dead, broken.config()));
        sb = Switchboard.builder(config).sleeper(new RecordingSleeper(0)).start();
    }

    @AfterAll
    static void stop() {
        sb.close();
        healthy.close();
    }

    @Test
    void failFastReturnsNothingAndNamesEveryFailedServerAndWhy() {
        try (var events = new ResourceFixtures.Events()) {
            assertThatThrownBy(() -> sb.gatherResources(GatherOptions.failFast()))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.getMessage()).contains("2 of 3 servers failed", "nothing is returned")
                                .contains("dead: SERVER_UNAVAILABLE", "broken: RPC_ERROR")
                                .contains("rs://broken/item/1", "failed on purpose")
                                .doesNotContain("healthy");
                        assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
                        assertThat(e.server()).isEmpty();
                    });
            assertThat(events.named("gather.failed")).singleElement()
                    .satisfies(e -> assertThat(ResourceFixtures.Events.field(e, "failed")).contains("dead", "broken"));
            assertThat(events.named("gather.done")).isEmpty();
        }
        assertThat(sb.gatherStats().failedGathers()).isPositive();
    }

    @Test
    void bestEffortReturnsTheHealthyServerAndEachFailureExplicitly() {
        GatherResult result = sb.gatherResources(GatherOptions.bestEffort());

        assertThat(result.complete()).isFalse();
        assertThat(result.servers()).extracting(ServerResources::server).containsExactly("healthy");
        assertThat(result.servers().get(0).resources().get(0).text()).contains("fine");
        assertThat(result.failures()).extracting(GatherFailure::server, GatherFailure::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dead", ErrorCode.SERVER_UNAVAILABLE),
                org.assertj.core.groups.Tuple.tuple("broken", ErrorCode.RPC_ERROR));
        assertThat(result.failures().get(0).message()).contains("dead");
        assertThat(result.failures().get(1).message()).contains("rs://broken/item/1");
    }

    @Test
    void theConfiguredPolicyIsTheDefault() {
        // ResourcePolicy.DEFAULT is best-effort (orchestration.fail_fast is false).
        assertThat(sb.gatherResources().failures()).hasSize(2);
    }
}
