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
 */
public record ServerOptions(String description, boolean enabled, boolean required, int priority,
        List<String> domains, List<String> capabilities, List<String> aliases, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry, ToolFilter tools, HealthPolicy health, RestartPolicy restart,
        CallPolicy calls, List<Root> roots) {

    public static final int DEFAULT_PRIORITY = 100;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** Enabled, optional, priority 100, default timeouts, retry, probes, restarts and calls; every tool offered. */
    public static final ServerOptions DEFAULT = new ServerOptions(null, true, false, DEFAULT_PRIORITY, List.of(),
            List.of(), List.of(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, RetryPolicy.DEFAULT);

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
        Check.argument(priority >= 1 && priority <= 999, "priority: %s (expected: 1 to 999)", priority);
        Check.argument(connectTimeout.isPositive(), "connect_timeout: %s (expected: > 0)", connectTimeout);
        Check.argument(requestTimeout.isPositive(), "request_timeout: %s (expected: > 0)", requestTimeout);
        Check.argument(calls.maxTotal().compareTo(requestTimeout) >= 0,
                "calls.max_total: %s (expected: >= request_timeout %s)", calls.maxTotal(), requestTimeout);
    }

    /** Options without roots. */
    public ServerOptions(String description, boolean enabled, boolean required, int priority, List<String> domains,
            List<String> capabilities, List<String> aliases, Duration connectTimeout, Duration requestTimeout,
            RetryPolicy retry, ToolFilter tools, HealthPolicy health, RestartPolicy restart, CallPolicy calls) {
        this(description, enabled, required, priority, domains, capabilities, aliases, connectTimeout,
                requestTimeout, retry, tools, health, restart, calls, List.of());
    }

    /** Options that offer every tool, with the default probes, restart policy and call policy. */
    public ServerOptions(String description, boolean enabled, boolean required, int priority, List<String> domains,
            List<String> capabilities, List<String> aliases, Duration connectTimeout, Duration requestTimeout,
            RetryPolicy retry) {
        this(description, enabled, required, priority, domains, capabilities, aliases, connectTimeout,
                requestTimeout, retry, ToolFilter.ALL, HealthPolicy.DEFAULT, RestartPolicy.DEFAULT, CallPolicy.DEFAULT);
    }

    public ServerOptions withRequired(boolean newRequired) {
        return new ServerOptions(description, enabled, newRequired, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, retry, tools, health, restart, calls, roots);
    }

    public ServerOptions withEnabled(boolean newEnabled) {
        return new ServerOptions(description, newEnabled, required, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, retry, tools, health, restart, calls, roots);
    }

    public ServerOptions withRetry(RetryPolicy newRetry) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, newRetry, tools, health, restart, calls, roots);
    }

    public ServerOptions withConnectTimeout(Duration newConnectTimeout) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                newConnectTimeout, requestTimeout, retry, tools, health, restart, calls, roots);
    }

    public ServerOptions withRequestTimeout(Duration newRequestTimeout) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                connectTimeout, newRequestTimeout, retry, tools, health, restart, calls, roots);
    }

    public ServerOptions withTools(ToolFilter newTools) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, retry, newTools, health, restart, calls, roots);
    }

    public ServerOptions withHealth(HealthPolicy newHealth) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, retry, tools, newHealth, restart, calls, roots);
    }

    public ServerOptions withRestart(RestartPolicy newRestart) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, retry, tools, health, newRestart, calls, roots);
    }

    public ServerOptions withCalls(CallPolicy newCalls) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, retry, tools, health, restart, newCalls, roots);
    }

    public ServerOptions withRoots(List<Root> newRoots) {
        return new ServerOptions(description, enabled, required, priority, domains, capabilities, aliases,
                connectTimeout, requestTimeout, retry, tools, health, restart, calls, newRoots);
    }
}
