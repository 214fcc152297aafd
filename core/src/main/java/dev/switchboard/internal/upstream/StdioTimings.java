package dev.switchboard.internal.upstream;

import dev.switchboard.config.StdioServer;
import java.time.Duration;
import java.util.Objects;

/**
 * How long each step of ending a stdio server may take. Every wait is bounded, so closing a server takes at most
 * {@code shutdownGrace + termWait + reapWait} however the process behaves.
 *
 * @param shutdownGrace after stdin is closed, how long the process gets to exit on its own
 * @param termWait after SIGTERM to the process tree, how long before SIGKILL
 * @param reapWait after SIGKILL, how long to wait for the processes to be gone
 * @param drainWait after the process exited, how long to keep reading what it wrote to stdout and stderr before
 *     reporting the exit (a grandchild holding the pipes open must not delay the report)
 */
record StdioTimings(Duration shutdownGrace, Duration termWait, Duration reapWait, Duration drainWait) {
    static final Duration DEFAULT_TERM_WAIT = Duration.ofSeconds(2);
    static final Duration DEFAULT_REAP_WAIT = Duration.ofSeconds(2);
    static final Duration DEFAULT_DRAIN_WAIT = Duration.ofMillis(500);

    StdioTimings {
        check(shutdownGrace, "shutdownGrace");
        check(termWait, "termWait");
        check(reapWait, "reapWait");
        check(drainWait, "drainWait");
    }

    /** The defaults, with the grace period the server's configuration asks for. */
    static StdioTimings of(StdioServer server) {
        return new StdioTimings(server.shutdownGrace(), DEFAULT_TERM_WAIT, DEFAULT_REAP_WAIT, DEFAULT_DRAIN_WAIT);
    }

    /** The longest a close can take. */
    Duration closeBound() {
        return shutdownGrace.plus(termWait).plus(reapWait);
    }

    private static void check(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
        }
    }
}
