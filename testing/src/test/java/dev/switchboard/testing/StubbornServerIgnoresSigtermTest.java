package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class StubbornServerIgnoresSigtermTest {

    private static final long SIGTERM_BIT = 1L << (15 - 1);

    @TempDir
    Path dir;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killTheWholeTree() throws Exception {
        for (ProcessHandle handle : started) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : started) {
            handle.onExit().get(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(handle.isAlive()).as("pid %d after SIGKILL", handle.pid()).isFalse();
        }
    }

    @Test
    void survivesSigtermAndHoldsALiveGrandchild() throws Exception {
        Path pidFile = dir.resolve("fake.pids");
        var scenario = FakeMcpServer.builder().tool(FakeTool.echo("echo")).build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommandIgnoringSigterm(scenario, pidFile))) {
            started.add(raw.process().toHandle());
            // The pid file is written before the server reads stdin, so an answer means it exists.
            assertThat(raw.handshake()).contains("\"result\"");
            var pids = FakeMcpServer.readPids(pidFile);
            ProcessHandle grandchild = ProcessHandle.of(pids.grandchild()).orElseThrow();
            started.add(grandchild);

            // exec: the shell that set up the signal became the server, so the child we started is the server.
            assertThat(pids.server()).isEqualTo(raw.process().pid());
            assertThat(grandchild.parent().map(ProcessHandle::pid)).hasValue(pids.server());
            assertThat(ignoredSignals(pids.server()) & SIGTERM_BIT).as("SIGTERM ignored").isNotZero();

            // SIGTERM through the handle: Process.destroy() would also close our ends of the pipes.
            raw.process().toHandle().destroy();
            // The kernel drops an ignored signal at once; the server still answers afterwards.
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
            assertThat(raw.nextStdoutLine()).contains("\"id\":2");
            assertThat(raw.process().isAlive()).isTrue();
            assertThat(grandchild.isAlive()).isTrue();
        }
    }

    private static long ignoredSignals(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .mapToLong(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                .findFirst().orElseThrow();
    }
}
