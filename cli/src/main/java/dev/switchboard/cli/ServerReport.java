package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerStatus;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import java.util.List;

/**
 * One server as {@code check} reports it, for people and as JSON. Every field is always present in JSON;
 * what is unknown (a server that never connected) is {@code null}.
 *
 * @param name the configured name
 * @param description the configured description, or null
 * @param state DISABLED, CONNECTING, READY, RETRYING, FAILED or CLOSED
 * @param required whether the configuration makes it required
 * @param transport stdio, streamable-http or sse
 * @param protocolVersion the negotiated MCP protocol version
 * @param serverName the name the server reports for itself
 * @param serverVersion the version the server reports for itself
 * @param capabilities the declared capabilities (tools, resources, prompts, logging, completions)
 * @param tools how many tools it lists
 * @param resources how many resources it lists
 * @param prompts how many prompts it lists
 * @param connectMs how long the successful connect took, in milliseconds
 * @param error the most recent failure, or null
 * @param health what the health probe and the connection say
 */
@JsonPropertyOrder({"name", "description", "state", "required", "transport", "protocolVersion", "serverName",
    "serverVersion", "capabilities", "tools", "resources", "prompts", "connectMs", "error", "health"})
record ServerReport(String name, String description, String state, boolean required, String transport,
        String protocolVersion, String serverName, String serverVersion, List<String> capabilities, Integer tools,
        Integer resources, Integer prompts, Long connectMs, ErrorReport error, HealthReport health) {

    /**
     * A server's health in a report.
     *
     * @param state UNKNOWN, HEALTHY, DEGRADED or UNHEALTHY
     * @param reason why, in words, or null
     * @param lastResponseMs how long the last successful probe took
     * @param averageResponseMs the mean of the recent successful probes
     * @param consecutiveFailures probes failed in a row
     * @param lastError the last probe failure or connection loss
     * @param lastSuccess when a probe last succeeded (ISO-8601)
     * @param uptimeMs how long the current session has been up
     * @param restarts restarts since the server was last stable
     */
    @JsonPropertyOrder({"state", "reason", "lastResponseMs", "averageResponseMs", "consecutiveFailures", "lastError",
        "lastSuccess", "uptimeMs", "restarts"})
    record HealthReport(String state, String reason, Long lastResponseMs, Long averageResponseMs,
            int consecutiveFailures, ErrorReport lastError, String lastSuccess, Long uptimeMs, int restarts) {
        static HealthReport of(ServerStatus.Health h) {
            return new HealthReport(h.state().name(), h.reason(), millis(h.lastResponse()),
                    millis(h.averageResponse()), h.consecutiveFailures(), ErrorReport.of(h.lastError()),
                    h.lastSuccess() == null ? null : h.lastSuccess().toString(), millis(h.uptime()), h.restarts());
        }

        private static Long millis(java.time.Duration d) {
            return d == null ? null : d.toMillis();
        }
    }

    /**
     * A failure in a report.
     *
     * @param code the stable {@link dev.switchboard.ErrorCode} name
     * @param message what went wrong and what to check
     * @param retryable whether trying again later may help
     */
    @JsonPropertyOrder({"code", "message", "retryable"})
    record ErrorReport(String code, String message, boolean retryable) {
        static ErrorReport of(ErrorInfo e) {
            return e == null ? null : new ErrorReport(e.code().name(), e.message(), e.code().retryable());
        }
    }

    static List<ServerReport> of(SwitchboardConfig config, List<ServerStatus> statuses) {
        return statuses.stream().map(s -> of(s, config.server(s.name()).orElse(null))).toList();
    }

    static ServerReport of(ServerStatus s, ServerConfig config) {
        boolean connected = s.serverName() != null || s.protocolVersion() != null;
        return new ServerReport(s.name(), config == null ? null : config.options().description(), s.state().name(),
                s.required(), s.transport().configName(), s.protocolVersion(), s.serverName(), s.serverVersion(),
                s.capabilities(), count(s.toolCount()), count(s.resourceCount()), count(s.promptCount()),
                connected && s.connectDuration() != null ? s.connectDuration().toMillis() : null,
                ErrorReport.of(s.lastError()), HealthReport.of(s.health()));
    }

    private static Integer count(int n) {
        return n < 0 ? null : n;
    }

    boolean ready() {
        return "READY".equals(state);
    }

    boolean disabled() {
        return "DISABLED".equals(state);
    }
}
