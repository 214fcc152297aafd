package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An optional server that is down does not hold the application back: {@code start()} returns after its first
 * attempt, it keeps retrying, and its tools join the catalog when it arrives. A check that asks for it waits for its
 * startup attempts; and a required server not ready within {@code startup_timeout} fails the start.
 */
class StartsWithoutWaitingForOptionalServersTest {
    private RunningFakeServer good;

    @BeforeEach
    void startGoodServer() {
        good = FakeMcpServer.startHttp(FakeMcpServer.builder().name("good").tool(FakeTool.echo("echo")).build());
    }

    @AfterEach
    void stopGoodServer() {
        good.close();
    }

    private SwitchboardConfig config(int latePort) {
        ServerConfig late = HttpServer.builder("late", URI.create("http://127.0.0.1:" + latePort + "/mcp")).build();
        return SwitchboardConfig.of(List.of(HttpServer.of("good", URI.create(good.url())), late));
    }

    private static List<String> available(Switchboard sb) {
        return sb.catalog().stream().filter(CatalogEntry::available).map(CatalogEntry::qualifiedName).toList();
    }

    @Test
    void startReturnsAfterTheFirstAttemptAndTheCatalogGrowsWhenTheServerArrives() throws Exception {
        int port = Ports.unused();
        var retries = new GatedSleeper(); // holds the optional server's retries until the test lets one go
        FakeServerProcess late = null;
        try (var sb = Switchboard.builder(config(port)).sleeper(retries).start()) {
            assertThat(sb.status("good").state()).isEqualTo(ServerState.READY);
            assertThat(sb.status("late").state()).isEqualTo(ServerState.RETRYING);
            assertThat(sb.status("late").attempts()).as("start waited for one attempt, not five").isEqualTo(1);
            assertThat(available(sb)).containsExactly("good__echo");

            var scenario = FakeMcpServer.builder().name("late").tool(FakeTool.echo("ping")).build();
            late = FakeServerProcess.http(scenario, port);
            retries.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> available(sb).contains("late__ping"));
            assertThat(available(sb)).containsExactly("good__echo", "late__ping");
        } finally {
            if (late != null) {
                late.close();
            }
        }
    }

    @Test
    void aThoroughStartWaitsForTheOptionalServersStartupAttempts() {
        // Four waits pass at once; the fifth (after the last startup attempt) holds the retries still.
        try (var sb = Switchboard.builder(config(Ports.unused())).sleeper(new RecordingSleeper(4))
                .awaitOptionalServers(true).start()) {
            assertThat(sb.status("late").attempts()).isEqualTo(
                    ServerOptions.DEFAULT.retry().maxAttempts());
        }
    }

    @Test
    void aRequiredServerNotReadyWithinTheStartupTimeoutFailsTheStart() {
        // A process that never answers initialize: only the startup timeout can end the wait for it.
        var silent = Stdio.server("silent", List.of("sleep", "30"));
        silent = silent.withOptions(silent.options().toBuilder().required(true).build());
        var config = SwitchboardConfig.builder().servers(List.of(silent))
                .orchestration(Orchestration.builder().startupTimeout(Duration.ofSeconds(1)).build()).build();

        assertThatThrownBy(() -> Switchboard.start(config)).isInstanceOfSatisfying(SwitchboardException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.getMessage()).contains("silent", "orchestration.startup_timeout (1s)");
        });
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("")
                .endsWith("sleep"))).as("the start that failed stopped what it started").isEmpty();
    }
}
