package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.GatherOptions;
import dev.switchboard.GatherResult;
import dev.switchboard.ServerResources;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server whose reads take far longer than allowed fails with TIMEOUT, and the fast server's results stand. */
class EnforcesGatherTimeoutsTest {
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        var fast = ScriptedResourceServer.named("fast").items(3).options(ResourceFixtures.options(10));
        var stuck = ScriptedResourceServer.named("stuck").items(3).readDelay(Duration.ofMinutes(5))
                .options(ResourceFixtures.options(20));
        sb = Switchboard.start(ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(fast.config(),
                stuck.config())));
    }

    @AfterAll
    static void stop() {
        sb.close();
    }

    @Test
    void aServerOverItsOwnTimeoutFailsAlone() {
        GatherResult result = sb.gatherResources(GatherOptions.bestEffort().withServerTimeout(Duration.ofMillis(500)));

        assertThat(result.servers()).extracting(ServerResources::server).containsExactly("fast");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.server()).isEqualTo("stuck");
            assertThat(f.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(f.message()).contains("server_timeout", "500ms");
        });
    }

    @Test
    void theWholeGatherStopsAtItsDeadline() {
        GatherResult result = sb.gatherResources(GatherOptions.bestEffort().withServerTimeout(Duration.ofMinutes(1))
                .withDeadline(Duration.ofMillis(700)));

        assertThat(result.servers()).extracting(ServerResources::server).containsExactly("fast");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(f.message()).contains("gather_timeout", "700ms");
        });
    }
}
