package dev.switchboard.langchain4j;

import static dev.switchboard.langchain4j.Tools.names;
import static dev.switchboard.langchain4j.Tools.provided;
import static dev.switchboard.langchain4j.Tools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot start (its command exits at once) or cannot be reached does not hide the tools of the
 * others, and nothing is thrown at the AI service; when it comes back, its tools join without a restart.
 */
class KeepsOtherServersToolsWhenOneFailsTest {

    @Test
    void theHealthyServersToolsAreOfferedAndTheFailedOnesJoinWhenItComesBack(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("ready");
        var scenario = FakeMcpServer.builder().name("flaky").tool(FakeTool.text("report", "flaky is back")).build();
        // Exits with an error until the file "ready" exists, then serves.
        List<String> flaky = new ArrayList<>(List.of("sh", "-c",
                "[ -e \"$1\" ] || { echo 'cannot open database' >&2; exit 3; }; shift; exec \"$@\"", "flaky",
                ready.toString()));
        flaky.addAll(FakeMcpServer.stdioCommand(scenario));
        var gone = FakeMcpServer.startHttp(FakeMcpServer.builder().name("gone").build());
        var unreachable = Servers.http("gone", gone);
        gone.close(); // nothing listens on its port any more
        try (RunningFakeServer healthy = FakeMcpServer.startHttp(FakeMcpServer.builder().name("healthy")
                        .tool(FakeTool.text("status", "all good")).build());
                var sb = Servers.start(Servers.stdio("flaky", flaky), unreachable, Servers.http("healthy", healthy))) {
            var provider = SwitchboardToolProvider.of(sb);

            assertThat(names(provider)).containsExactly("healthy__status");
            assertThat(run(provided(provider), "healthy__status", "{}").resultText()).isEqualTo("all good");

            Files.createFile(ready);
            sb.reconnect("flaky");
            await().atMost(Duration.ofSeconds(30)).until(() -> names(provider).contains("flaky__report"));
            assertThat(names(provider)).containsExactlyInAnyOrder("healthy__status", "flaky__report");
            assertThat(run(provided(provider), "flaky__report", "{}").resultText()).isEqualTo("flaky is back");
        }
    }
}
