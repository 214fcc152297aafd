package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.config.SwitchboardConfig;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard watch CONFIG}: connects to every enabled server and prints a line per change of a server's
 * connection or health until SIGINT or SIGTERM, then shuts down gracefully and exits 0.
 */
@Command(name = "watch", description = {"Connect to every enabled server, then print one line per change of a "
        + "server's connection state or health (time, server, from -> to, error code and reason) until stopped.",
    "SIGINT (Ctrl-C) or SIGTERM shuts down gracefully (calls in flight get orchestration.drain_timeout) and exits 0."
        + " With orchestration.watch_config: true the file is reloaded when it changes."})
final class WatchCommand extends ConfigCommand {

    @Option(names = "--json", description = "Print each change as one JSON object per line (schema in docs/cli.md).")
    boolean json;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    int execute() throws InterruptedException {
        try {
            SwitchboardConfig config = loadConfig();
            WatchLines lines = new WatchLines(json, this::print);
            try (Signals signals = Signals.onTermination(this::stop)) {
                Switchboard sb = Switchboard.builder(config).failOnRequiredServers(false).listener(lines)
                        .configFile(configFile, loader()).start();
                try {
                    started.countDown();
                    stop.await();
                } finally {
                    sb.close(); // graceful: drain, then close every connection
                }
            }
            return ExitCodes.OK;
        } finally {
            finished.countDown();
        }
    }

    /** Ends the watch: the command shuts down gracefully and returns 0 (what SIGINT and SIGTERM do). */
    void stop() {
        stop.countDown();
    }

    /** Waits until every server has settled and changes are being printed; false on timeout. */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the command has shut down (after {@link #stop}); false on timeout. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
