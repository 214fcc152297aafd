package dev.switchboard.cli;

import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.config.SwitchboardConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Switchboard started the way the CLI needs it (never failing on required servers, with progress on a terminal)
 * and closed so that no server process outlives the command.
 */
final class Connections implements AutoCloseable {
    // Bounds the wait for child processes after close; core gives each its shutdown_grace (5s) and then kills it.
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);
    // Core finishes closing a stdio transport on a thread of its own once the process has exited (see close()).
    private static final Duration CLOSE_SETTLE = Duration.ofMillis(100);

    private final Switchboard switchboard;

    private Connections(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /** Connects to every enabled server and returns once each has settled; read {@link Switchboard#status()}. */
    static Connections open(SwitchboardConfig config, PrintWriter err) {
        long enabled = config.servers().stream().filter(s -> s.options().enabled()).count();
        Progress progress = Progress.onTerminal(err, (int) enabled);
        Switchboard.Builder builder = Switchboard.builder(config).failOnRequiredServers(false);
        if (progress != null) {
            builder.listener(s -> {
                if (s.state() != ServerState.DISABLED && s.state() != ServerState.CLOSED) {
                    progress.update(s);
                }
            });
        }
        try {
            return new Connections(builder.start());
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
    }

    Switchboard switchboard() {
        return switchboard;
    }

    /** Whether every required server is ready (disabled ones excepted, as at startup). */
    static boolean requiredReady(List<ServerStatus> statuses) {
        return statuses.stream().filter(ServerStatus::required)
                .allMatch(s -> s.ready() || s.state() == ServerState.DISABLED);
    }

    /**
     * Closes the Switchboard, then waits for this process's children to exit. Core's close returns before its
     * stdio transports have finished stopping their processes (the supervisor thread is interrupted while it
     * closes the session), so a command that exits at once would leave that to core's JVM shutdown hook, which
     * force-kills them and logs {@code upstream.stdio.reaping}.
     */
    @Override
    public void close() {
        switchboard.close();
        CompletableFuture<?>[] exits = ProcessHandle.current().children().map(ProcessHandle::onExit)
                .toArray(CompletableFuture[]::new);
        if (exits.length == 0) {
            return;
        }
        try {
            CompletableFuture.allOf(exits).get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Thread.sleep(CLOSE_SETTLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Bounded: what is still running is core's shutdown hook's to kill.
        }
    }
}
