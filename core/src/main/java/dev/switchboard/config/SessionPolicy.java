package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code switchboard serve} connects a server for its clients: one session shared by all of them, or one session
 * per client. The library itself connects every server once and ignores this policy.
 *
 * @param mode shared by every client (the default), or one session per client
 * @param maxSessions the most sessions a {@code per_client} server has open at once; a client beyond it is refused
 * @param idleTimeout a {@code per_client} session unused for this long is closed (a later request opens a new one)
 */
public record SessionPolicy(Mode mode, int maxSessions, Duration idleTimeout) {

    /** Whether the gateway's clients share a server's session. */
    public enum Mode {
        /** One session for every client: the server sees one client, Switchboard. */
        SHARED,
        /**
         * One session per client, opened at its first use and closed when the client's session ends: for servers
         * that keep state per session (a browser, a login).
         */
        PER_CLIENT
    }

    /** Shared; a {@code per_client} server would have at most 100 sessions, each closed after 10 minutes unused. */
    public static final SessionPolicy DEFAULT = new SessionPolicy(Mode.SHARED, 100, Duration.ofMinutes(10));

    public SessionPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Check.argument(maxSessions >= 1, "session.max_sessions: %s (expected: >= 1)", maxSessions);
        Check.argument(idleTimeout.isPositive(), "session.idle_timeout: %s (expected: > 0)", idleTimeout);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link SessionPolicy} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private Mode mode;
        private int maxSessions;
        private Duration idleTimeout;

        private Builder(SessionPolicy from) {
            mode = from.mode;
            maxSessions = from.maxSessions;
            idleTimeout = from.idleTimeout;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** The policy, checked by its constructor. */
        public SessionPolicy build() {
            return new SessionPolicy(mode, maxSessions, idleTimeout);
        }
    }
}
