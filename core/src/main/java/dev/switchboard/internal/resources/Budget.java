package dev.switchboard.internal.resources;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.upstream.Upstream;
import java.time.Duration;

/**
 * The time one server has left within a gather: the earlier of its own timeout and the whole gather's deadline.
 * Each request gets what is left, capped by the server's request timeout.
 */
final class Budget {
    private final Upstream server;
    private final long deadlineNanos;
    private final Duration limit;
    private final String setting;

    private Budget(Upstream server, long deadlineNanos, Duration limit, String setting) {
        this.server = server;
        this.deadlineNanos = deadlineNanos;
        this.limit = limit;
        this.setting = setting;
    }

    /** Starts now: {@code serverTimeout} for this server, but never past {@code wholeDeadlineNanos}. */
    static Budget start(Upstream server, Duration serverTimeout, long wholeDeadlineNanos, Duration wholeTimeout) {
        long own = System.nanoTime() + serverTimeout.toNanos();
        return own - wholeDeadlineNanos <= 0
                ? new Budget(server, own, serverTimeout, "orchestration.resources.server_timeout")
                : new Budget(server, wholeDeadlineNanos, wholeTimeout, "orchestration.resources.gather_timeout");
    }

    /** The timeout for the next request; throws TIMEOUT when nothing is left. */
    Duration nextRequest() {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw expired(null);
        }
        Duration request = server.config().options().requestTimeout();
        return request.toNanos() < left ? request : Duration.ofNanos(left);
    }

    /** A request's failure, reworded as the budget running out when that is what happened. */
    SwitchboardException explain(SwitchboardException e) {
        return e.code() == ErrorCode.TIMEOUT && deadlineNanos - System.nanoTime() <= 0 ? expired(e) : e;
    }

    private SwitchboardException expired(Throwable cause) {
        return new SwitchboardException(ErrorCode.TIMEOUT, server.name(), null, "server '" + server.name()
                + "' did not finish within " + limit.toMillis() + "ms (" + setting + "); raise it, or gather with"
                + " best-effort to get the other servers' resources", cause);
    }
}
