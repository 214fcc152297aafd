package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After {@code close()}, no process Switchboard started is left: not the server, not its children. */
class LeavesNoProcessBehindTest {

    @Test
    void aServerThatIgnoresSigtermAndHoldsAGrandchildIsKilledWithItsTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pids");
        var scenario = FakeMcpServer.builder().name("stubborn").tool(FakeTool.echo("echo")).build();
        var config = SwitchboardConfig.of(List.of(Stdio.server("stubborn",
                FakeMcpServer.stdioCommandIgnoringSigterm(scenario, pidFile))));
        FakeMcpServer.Pids pids;
        try (var sb = Switchboard.start(config)) {
            assertThat(sb.call("stubborn", "echo", Map.of("x", "1")).isError()).isFalse();
            assertThat(Files.exists(pidFile)).isTrue();
            pids = FakeMcpServer.readPids(pidFile);
            assertThat(alive(pids.server())).isTrue();
            assertThat(alive(pids.grandchild())).isTrue();
        }
        assertThat(alive(pids.server())).as("the server process is reaped before close() returns").isFalse();
        assertGone(List.of(pids.grandchild()));
    }

    @Test
    void manyServersIncludingNodeOnesLeaveNoDescendants() {
        var fake = FakeMcpServer.builder().name("f").tool(FakeTool.echo("echo")).build();
        var config = SwitchboardConfig.of(List.of(
                Stdio.server("everything", ReferenceServer.everythingStdio()),
                Stdio.server("fake1", FakeMcpServer.stdioCommand(fake)),
                Stdio.server("fake2", FakeMcpServer.stdioCommand(fake))));
        List<Long> children = new ArrayList<>();
        List<Long> descendants = new ArrayList<>();
        try (var sb = Switchboard.start(config)) {
            assertThat(sb.status()).allSatisfy(s -> assertThat(s.ready()).isTrue());
            ProcessHandle.current().children().forEach(p -> children.add(p.pid()));
            ProcessHandle.current().descendants().forEach(p -> descendants.add(p.pid()));
            assertThat(children).hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(children).as("direct children are reaped before close() returns")
                .noneMatch(LeavesNoProcessBehindTest::alive);
        assertGone(descendants);
    }

    private static void assertGone(List<Long> pids) {
        // Killed grandchildren are orphans that init reaps a moment later (until then the JDK reports the zombie as
        // alive): wait for the OS, not for a timer of ours.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(pids).noneMatch(LeavesNoProcessBehindTest::alive));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
