package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * How resources are gathered from every server and how an entity is resolved among them.
 *
 * @param failurePolicy the default for a gather when some servers fail
 * @param maxResourceBytes the most bytes kept of one resource (decoded bytes for blobs); larger ones are truncated
 * @param maxResourcesPerServer the most resources read from one server; the rest are left out, and marked so
 * @param readConcurrency how many reads run at once against one server
 * @param serverTimeout the limit on gathering everything from one server
 * @param gatherTimeout the limit on a whole gather, across all servers
 * @param fuzzyThreshold the Jaro-Winkler similarity (0 to 1) from which a resource name fuzzily matches an entity
 */
public record ResourcePolicy(FailurePolicy failurePolicy, long maxResourceBytes, int maxResourcesPerServer,
        int readConcurrency, Duration serverTimeout, Duration gatherTimeout, double fuzzyThreshold) {

    public static final long DEFAULT_MAX_RESOURCE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_RESOURCES_PER_SERVER = 1000;
    public static final int DEFAULT_READ_CONCURRENCY = 8;
    public static final Duration DEFAULT_SERVER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GATHER_TIMEOUT = Duration.ofSeconds(60);
    public static final double DEFAULT_FUZZY_THRESHOLD = 0.9;

    /** Best effort, 1 MiB per resource, 1000 resources and 8 reads at once per server, 30 s / 60 s, 0.9. */
    public static final ResourcePolicy DEFAULT = new ResourcePolicy(FailurePolicy.BEST_EFFORT,
            DEFAULT_MAX_RESOURCE_BYTES, DEFAULT_MAX_RESOURCES_PER_SERVER, DEFAULT_READ_CONCURRENCY,
            DEFAULT_SERVER_TIMEOUT, DEFAULT_GATHER_TIMEOUT, DEFAULT_FUZZY_THRESHOLD);

    public ResourcePolicy {
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        Objects.requireNonNull(serverTimeout, "serverTimeout");
        Objects.requireNonNull(gatherTimeout, "gatherTimeout");
        Check.argument(maxResourceBytes >= 1, "resources.max_resource_bytes: %s (expected: >= 1)",
                maxResourceBytes);
        Check.argument(maxResourcesPerServer >= 1, "resources.max_resources_per_server: %s (expected: >= 1)",
                maxResourcesPerServer);
        Check.argument(readConcurrency >= 1, "resources.read_concurrency: %s (expected: >= 1)", readConcurrency);
        Check.argument(serverTimeout.isPositive(), "resources.server_timeout: %s (expected: > 0)", serverTimeout);
        Check.argument(gatherTimeout.isPositive(), "resources.gather_timeout: %s (expected: > 0)", gatherTimeout);
        Check.argument(fuzzyThreshold > 0.0 && fuzzyThreshold <= 1.0,
                "resolve.fuzzy_threshold: %s (expected: more than 0.0, at most 1.0)", fuzzyThreshold);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link ResourcePolicy} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private FailurePolicy failurePolicy;
        private long maxResourceBytes;
        private int maxResourcesPerServer;
        private int readConcurrency;
        private Duration serverTimeout;
        private Duration gatherTimeout;
        private double fuzzyThreshold;

        private Builder(ResourcePolicy from) {
            failurePolicy = from.failurePolicy;
            maxResourceBytes = from.maxResourceBytes;
            maxResourcesPerServer = from.maxResourcesPerServer;
            readConcurrency = from.readConcurrency;
            serverTimeout = from.serverTimeout;
            gatherTimeout = from.gatherTimeout;
            fuzzyThreshold = from.fuzzyThreshold;
        }

        public Builder failurePolicy(FailurePolicy failurePolicy) {
            this.failurePolicy = failurePolicy;
            return this;
        }

        public Builder maxResourceBytes(long maxResourceBytes) {
            this.maxResourceBytes = maxResourceBytes;
            return this;
        }

        public Builder maxResourcesPerServer(int maxResourcesPerServer) {
            this.maxResourcesPerServer = maxResourcesPerServer;
            return this;
        }

        public Builder readConcurrency(int readConcurrency) {
            this.readConcurrency = readConcurrency;
            return this;
        }

        public Builder serverTimeout(Duration serverTimeout) {
            this.serverTimeout = serverTimeout;
            return this;
        }

        public Builder gatherTimeout(Duration gatherTimeout) {
            this.gatherTimeout = gatherTimeout;
            return this;
        }

        public Builder fuzzyThreshold(double fuzzyThreshold) {
            this.fuzzyThreshold = fuzzyThreshold;
            return this;
        }

        /** The policy, checked by its constructor. */
        public ResourcePolicy build() {
            return new ResourcePolicy(failurePolicy, maxResourceBytes, maxResourcesPerServer, readConcurrency,
                    serverTimeout, gatherTimeout, fuzzyThreshold);
        }
    }
}
