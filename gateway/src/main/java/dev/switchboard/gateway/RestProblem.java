package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.BreakerState;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A failure of a REST request, answered as {@code application/problem+json} (RFC 9457): its type, title, HTTP
 * status, detail, the stable {@code code}, and the server and tool when known. {@link RestProblems} holds the one
 * table that decides the status of every code.
 */
final class RestProblem extends RuntimeException {
    static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are tag URIs (RFC 4151): stable identifiers that no client is expected to dereference. */
    static final String TYPE_PREFIX = "tag:switchboard.dev,2025:problem:";

    private final RestProblems.Row row;
    private final String server;
    private final String tool;
    private final Duration retryAfter;
    private final transient Consumer<ObjectNode> extensions;

    private RestProblem(RestProblems.Row row, String detail, String server, String tool, Duration retryAfter,
            Consumer<ObjectNode> extensions) {
        super(detail, null, false, false);
        this.row = row;
        this.server = server;
        this.tool = tool;
        this.retryAfter = retryAfter;
        this.extensions = extensions;
    }

    /** A problem with the request itself (its body, method, media type, size, rights, rate). */
    static RestProblem request(String code, String detail) {
        return new RestProblem(RestProblems.row(code), detail, null, null, null, null);
    }

    /** A 429 whose {@code Retry-After} says when the caller's rate limit allows another call. */
    static RestProblem rateLimited(Duration wait) {
        return new RestProblem(RestProblems.row(RestProblems.RATE_LIMITED), "the rate limit for tool calls is"
                + " reached: try again in " + seconds(wait) + " s", null, null, wait, null);
    }

    /** What the caller may not see is answered exactly like what does not exist. */
    static RestProblem unknownTool(String name) {
        return new RestProblem(RestProblems.row(ErrorCode.UNKNOWN_TOOL.name()), "no tool is named '" + name
                + "' (GET /api/v1/tools lists the tools you may call)", null, name, null, null);
    }

    /** See {@link #unknownTool}. */
    static RestProblem unknownServer(String name) {
        return new RestProblem(RestProblems.row(ErrorCode.UNKNOWN_SERVER.name()), "no server is named '" + name
                + "' (GET /api/v1/servers lists them)", name, null, null, null);
    }

    /** See {@link #unknownTool}. */
    static RestProblem unknownPrompt(String name) {
        return new RestProblem(RestProblems.row(ErrorCode.UNKNOWN_PROMPT.name()), "no prompt is named '" + name
                + "' (GET /api/v1/prompts lists them)", null, null, null, null);
    }

    /** See {@link #unknownTool}. */
    static RestProblem unknownResource(String uri) {
        return new RestProblem(RestProblems.row(ErrorCode.UNKNOWN_RESOURCE.name()), "no resource has the URI '"
                + uri + "' (GET /api/v1/resources lists them)", null, null, null, null);
    }

    /**
     * A failure of the library, with the library's message: its status from the table, a disabled server told apart
     * from one that is down (409, not 503), and {@code Retry-After} when waiting helps.
     */
    static RestProblem of(SwitchboardException e, Switchboard switchboard) {
        String server = e.server().orElse(null);
        ServerStatus status = server == null ? null : statusOf(switchboard, server);
        String code = e.code().name();
        if (e.code() == ErrorCode.SERVER_UNAVAILABLE && status != null && status.state() == ServerState.DISABLED) {
            code = RestProblems.SERVER_DISABLED;
        } else if (e.code() == ErrorCode.AUTH_FAILED && server != null && PerUser.isPerUser(switchboard, server)) {
            code = RestProblems.AUTHORIZATION_REQUIRED; // the caller's own grant is missing or refused
        } else if (e.code() == ErrorCode.CONFIG_INVALID && !(e instanceof ConfigException)) {
            code = RestProblems.NOTHING_TO_RELOAD;
        }
        RestProblems.Row row = RestProblems.row(code);
        String detail = !RestProblems.SERVER_DISABLED.equals(code) ? e.getMessage() : e.getMessage()
                + "; the server is disabled: POST /api/v1/servers/" + status.name() + "/enable brings it back";
        Duration retryAfter = row.retryAfter() ? retryAfter(e.code(), status, switchboard) : null;
        Consumer<ObjectNode> ext = e instanceof ConfigException ce ? body -> {
            var problems = body.putArray("problems");
            ce.problems().forEach(p -> problems.addObject().put("path", p.path()).put("message", p.message()));
        } : null;
        return new RestProblem(row, detail, server, e.tool().orElse(null), retryAfter, ext);
    }

    int status() {
        return row.status();
    }

    /** How long the client should wait before trying again, or null when waiting does not help. */
    Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code Retry-After} header's value: whole seconds, at least 1. */
    static long seconds(Duration wait) {
        long s = (wait.toMillis() + 999) / 1000;
        return Math.max(1, s);
    }

    /** The problem document. */
    ObjectNode body() {
        ObjectNode body = JsonRpc.object();
        body.put("type", TYPE_PREFIX + row.code().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", row.title());
        body.put("status", row.status());
        body.put("detail", getMessage());
        body.put("code", row.errorCode());
        if (server != null) {
            body.put("server", server);
        }
        if (tool != null) {
            body.put("tool", tool);
        }
        if (retryAfter != null) {
            body.put("retryAfterSeconds", seconds(retryAfter));
        }
        if (extensions != null) {
            extensions.accept(body);
        }
        return body;
    }

    private static ServerStatus statusOf(Switchboard switchboard, String server) {
        try {
            return switchboard.status(server);
        } catch (SwitchboardException unknown) {
            return null;
        }
    }

    /**
     * An open breaker says exactly when it lets trial calls through; a server that is reconnecting or busy is worth
     * another try soon; one that failed for good, or a gateway that is stopping, is not.
     */
    private static Duration retryAfter(ErrorCode code, ServerStatus status, Switchboard switchboard) {
        if (code == ErrorCode.CIRCUIT_OPEN && status != null && status.breaker() == BreakerState.OPEN
                && status.breakerChangedAt() != null) {
            Duration openFor = switchboard.config().server(status.name()).map(ServerConfig::options)
                    .map(o -> o.calls().breaker().openFor()).orElse(Duration.ofSeconds(1));
            Instant closes = status.breakerChangedAt().plus(openFor);
            Duration left = Duration.between(Clock.systemUTC().instant(), closes);
            return left.isNegative() ? Duration.ofSeconds(1) : left;
        }
        if (status != null && status.state() == ServerState.FAILED) {
            return null;
        }
        return List.of(ErrorCode.SHUTTING_DOWN, ErrorCode.CANCELLED).contains(code) ? null : Duration.ofSeconds(1);
    }
}
