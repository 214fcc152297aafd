package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.PROMPTLY;
import static dev.switchboard.internal.upstream.StdioScripts.alive;
import static dev.switchboard.internal.upstream.StdioScripts.gone;
import static dev.switchboard.internal.upstream.StdioScripts.bash;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing ends the server and everything it started, even a server that ignores SIGTERM. */
class ChildProcessTreeKillTest {

    @Test
    void closeKillsAServerThatIgnoresTermAndItsGrandchild() throws Exception {
        // Ignores SIGTERM (and so does the grandchild, which inherits the ignored disposition) and never exits on
        // stdin EOF: only SIGKILL ends them.
        String script = """
                trap '' TERM
                sleep 600 &
                echo "{\\"jsonrpc\\":\\"2.0\\",\\"method\\":\\"pid\\",\\"params\\":{\\"pid\\":$!}}"
                wait
                """;
        var inbox = new StdioScripts.Inbox();
        var exited = new CompletableFuture<ProcessExit>();
        var transport = StdioScripts.transport(bash("stubborn", script));
        transport.onExit(exited::complete);
        transport.connect(inbox).block(PROMPTLY);
        long serverPid = transport.pid();
        long grandchildPid = grandchildPid(inbox);
        assertThat(alive(serverPid)).isTrue();
        assertThat(alive(grandchildPid)).isTrue();

        long started = System.nanoTime();
        transport.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(alive(serverPid)).as("server (our child, reaped by the JDK)").isFalse();
        assertThat(gone(grandchildPid)).as("grandchild gone").isTrue();
        assertThat(took).isLessThan(StdioScripts.fastTimings().closeBound().plusSeconds(2));
        ProcessExit exit = exited.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exit.expected()).isTrue();
        assertThat(exit.exitCode()).isEqualTo(128 + 9);
    }

    @Test
    void closeKillsTheGrandchildOfAServerThatExitsOnItsOwn() throws Exception {
        // Exits politely on stdin EOF but leaves its child running: an orphan unless the tree is remembered.
        String script = """
                sleep 600 &
                echo "{\\"jsonrpc\\":\\"2.0\\",\\"method\\":\\"pid\\",\\"params\\":{\\"pid\\":$!}}"
                IFS= read -r line
                """;
        var inbox = new StdioScripts.Inbox();
        var transport = StdioScripts.transport(bash("leaky", script));
        transport.connect(inbox).block(PROMPTLY);
        long grandchildPid = grandchildPid(inbox);

        transport.close();

        assertThat(alive(transport.pid())).isFalse();
        assertThat(gone(grandchildPid)).as("grandchild gone").isTrue();
    }

    @Test
    void grandchildIsKilledWhenItsParentDiesUnexpectedly() throws Exception {
        // Like npx dying under the real server: the parent crashes, its child would live on as an orphan.
        String script = """
                sleep 600 &
                echo "{\\"jsonrpc\\":\\"2.0\\",\\"method\\":\\"pid\\",\\"params\\":{\\"pid\\":$!}}"
                IFS= read -r line
                exit 5
                """;
        var inbox = new StdioScripts.Inbox();
        var exited = new CompletableFuture<ProcessExit>();
        var transport = StdioScripts.transport(bash("crashing-parent", script));
        transport.onExit(exited::complete);
        transport.connect(inbox).block(PROMPTLY);
        long grandchildPid = grandchildPid(inbox);

        transport.sendMessage(new JSONRPCNotification("2.0", "notifications/initialized", null)).block(PROMPTLY);

        assertThat(exited.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).exitCode()).isEqualTo(5);
        assertThat(gone(grandchildPid)).as("orphaned grandchild gone").isTrue();
        transport.close();
    }

    @Test
    void closeIsIdempotentAndSafeToCallConcurrently() throws Exception {
        var transport = StdioScripts.transport(bash("plain", "trap '' TERM; sleep 600"));
        transport.start();
        long pid = transport.pid();

        List<Future<?>> closers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                closers.add(pool.submit(transport::close));
            }
            closers.add(pool.submit(() -> transport.closeGracefully().block(PROMPTLY)));
        }
        for (Future<?> f : closers) {
            f.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        }
        transport.close();

        assertThat(alive(pid)).isFalse();
        assertThat(transport.isOpen()).isFalse();
    }

    private static long grandchildPid(StdioScripts.Inbox inbox) throws InterruptedException {
        var hello = (JSONRPCNotification) inbox.next();
        assertThat(hello.method()).isEqualTo("pid");
        return ((Number) ((Map<?, ?>) hello.params()).get("pid")).longValue();
    }
}
