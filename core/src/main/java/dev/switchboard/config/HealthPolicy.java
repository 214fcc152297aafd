package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server's health is probed while it is connected.
 *
 * @param probe what a probe does: an MCP {@code ping}, a {@code tools/list}, an HTTP GET of {@code path}, or
 *     nothing (health then follows the connection only)
 * @param path the path an {@code http-get} probe fetches on the server's host, starting with {@code /}; null otherwise
 * @param interval the time between probes
 * @param timeout the limit on one probe; a probe that takes longer has failed
 * @param degradedAfter a probe slower than this makes the server DEGRADED (still answering, but slow)
 * @param unhealthyAfter this many failed probes in a row make the server UNHEALTHY
 */
public record HealthPolicy(Probe probe, String path, Duration interval, Duration timeout, Duration degradedAfter,
        int unhealthyAfter) {

    /** MCP ping every 30 s, 5 s timeout, DEGRADED above 2 s, UNHEALTHY after 3 failures. */
    public static final HealthPolicy DEFAULT = new HealthPolicy(Probe.PING, null, Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofSeconds(2), 3);

    /** What a health probe does. */
    public enum Probe {
        /** An MCP {@code ping} request on the session. */
        PING,
        /** An MCP {@code tools/list} request on the session (first page only). */
        LIST_TOOLS,
        /** An HTTP GET of a path on an HTTP server's host; any 2xx answer is a success. */
        HTTP_GET,
        /** No probe: health follows the connection state only. */
        NONE;

        /** The name used in configuration files ({@code list-tools}). */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The probe a configuration name means ({@code ping}, {@code list-tools}, {@code http-get}, {@code none}). */
        public static Optional<Probe> parse(String text) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Probe p : values()) {
                if (p.name().equals(t)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    public HealthPolicy {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(degradedAfter, "degradedAfter");
        Check.argument(interval.isPositive(), "health.interval: %s (expected: > 0)", interval);
        Check.argument(timeout.isPositive(), "health.timeout: %s (expected: > 0)", timeout);
        Check.argument(degradedAfter.isPositive() && degradedAfter.compareTo(timeout) < 0,
                "health.degraded_after: %s (expected: > 0 and less than timeout %s)", degradedAfter, timeout);
        Check.argument(unhealthyAfter >= 1, "health.unhealthy_after: %s (expected: >= 1)", unhealthyAfter);
        Check.argument(probe != Probe.HTTP_GET || path != null && path.startsWith("/"),
                "health.path: %s (expected: a path starting with / for the http-get probe)", path);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link HealthPolicy} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private Probe probe;
        private String path;
        private Duration interval;
        private Duration timeout;
        private Duration degradedAfter;
        private int unhealthyAfter;

        private Builder(HealthPolicy from) {
            probe = from.probe;
            path = from.path;
            interval = from.interval;
            timeout = from.timeout;
            degradedAfter = from.degradedAfter;
            unhealthyAfter = from.unhealthyAfter;
        }

        public Builder probe(Probe probe) {
            this.probe = probe;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder degradedAfter(Duration degradedAfter) {
            this.degradedAfter = degradedAfter;
            return this;
        }

        public Builder unhealthyAfter(int unhealthyAfter) {
            this.unhealthyAfter = unhealthyAfter;
            return this;
        }

        /** The policy, checked by its constructor. */
        public HealthPolicy build() {
            return new HealthPolicy(probe, path, interval, timeout, degradedAfter, unhealthyAfter);
        }
    }
}
