package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every server has, whatever its transport: whether it runs, how much it matters, what it knows, and how
 * patiently it is connected, probed, restarted and called.
 *
 * @param description a human-readable name (optional, may be null)
 * @param enabled whether Switchboard connects to it at all
 * @param required whether startup fails when it cannot be connected
 * @param priority 1-999, lower wins when several servers can answer
 * @param domains the business domains it is an authority for
 * @param capabilities what it declares it can do (informational)
 * @param aliases other names that refer to it
 * @param connectTimeout the limit on one connection attempt (start/dial and MCP initialisation)
 * @param requestTimeout the default limit on one request
 * @param retry how connecting is retried
 * @param tools which of its tools are offered
 * @param health how its health is probed
 * @param restart how often it may be restarted after losing its session
 * @param calls how tool calls are run: total limit, retries, concurrency, circuit breaker
 * @param roots the roots offered to the server when it asks ({@code roots/list}), unless the application's handler
 *     answers instead
 * @param session whether the gateway's clients share one session with the server or get one each (the library
 *     ignores it)
 * @param credentials whose credentials its requests carry: Switchboard's own, or each user's
 *     ({@link CredentialsMode#PER_USER}: no shared connection is made)
 */
public record ServerOptions(String description, boolean enabled, boolean required, int priority,
        List<String> domains, List<String> capabilities, List<String> aliases, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry, ToolFilter tools, HealthPolicy health, RestartPolicy restart,
        CallPolicy calls, List<Root> roots, SessionPolicy session, CredentialsMode credentials) {

    public static final int DEFAULT_PRIORITY = 100;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Enabled, optional, priority 100, default timeouts, retry, probes, restarts and calls; every tool offered; one
     * session shared by the gateway's clients.
     */
    public static final ServerOptions DEFAULT = new ServerOptions(null, true, false, DEFAULT_PRIORITY, List.of(),
            List.of(), List.of(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, RetryPolicy.DEFAULT, ToolFilter.ALL,
            HealthPolicy.DEFAULT, RestartPolicy.DEFAULT, CallPolicy.DEFAULT, List.of(),
            SessionPolicy.DEFAULT, CredentialsMode.SHARED);

    public ServerOptions {
        domains = List.copyOf(domains);
        capabilities = List.copyOf(capabilities);
        aliases = List.copyOf(aliases);
        roots = List.copyOf(roots);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(credentials, "credentials");
        Check.argument(priority >= 1 && priority <= 999, "priority: %s (expected: 1 to 999)", priority);
        Check.argument(connectTimeout.isPositive(), "connect_timeout: %s (expected: > 0)", connectTimeout);
        Check.argument(requestTimeout.isPositive(), "request_timeout: %s (expected: > 0)", requestTimeout);
        Check.argument(calls.maxTotal().compareTo(requestTimeout) >= 0,
                "calls.max_total: %s (expected: >= request_timeout %s)", calls.maxTotal(), requestTimeout);
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy that is enabled or not: what an operator's override or a command's choice of server changes. */
    public ServerOptions withEnabled(boolean newEnabled) {
        return toBuilder().enabled(newEnabled).build();
    }

    /** Builds {@link ServerOptions} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private String description;
        private boolean enabled;
        private boolean required;
        private int priority;
        private List<String> domains;
        private List<String> capabilities;
        private List<String> aliases;
        private Duration connectTimeout;
        private Duration requestTimeout;
        private RetryPolicy retry;
        private ToolFilter tools;
        private HealthPolicy health;
        private RestartPolicy restart;
        private CallPolicy calls;
        private List<Root> roots;
        private SessionPolicy session;
        private CredentialsMode credentials;

        private Builder(ServerOptions from) {
            description = from.description;
            enabled = from.enabled;
            required = from.required;
            priority = from.priority;
            domains = from.domains;
            capabilities = from.capabilities;
            aliases = from.aliases;
            connectTimeout = from.connectTimeout;
            requestTimeout = from.requestTimeout;
            retry = from.retry;
            tools = from.tools;
            health = from.health;
            restart = from.restart;
            calls = from.calls;
            roots = from.roots;
            session = from.session;
            credentials = from.credentials;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder domains(List<String> domains) {
            this.domains = domains;
            return this;
        }

        public Builder capabilities(List<String> capabilities) {
            this.capabilities = capabilities;
            return this;
        }

        public Builder aliases(List<String> aliases) {
            this.aliases = aliases;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        public Builder tools(ToolFilter tools) {
            this.tools = tools;
            return this;
        }

        public Builder health(HealthPolicy health) {
            this.health = health;
            return this;
        }

        public Builder restart(RestartPolicy restart) {
            this.restart = restart;
            return this;
        }

        public Builder calls(CallPolicy calls) {
            this.calls = calls;
            return this;
        }

        public Builder roots(List<Root> roots) {
            this.roots = roots;
            return this;
        }

        /** Whose credentials its requests carry; see {@link CredentialsMode}. */
        public Builder credentials(CredentialsMode credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder session(SessionPolicy session) {
            this.session = session;
            return this;
        }

        /** The options, checked by their constructor. */
        public ServerOptions build() {
            return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                    connectTimeout, requestTimeout, retry, tools, health, restart, calls, roots, session,
                    credentials);
        }
    }
}
