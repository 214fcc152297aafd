package dev.switchboard.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CallOptions;
import dev.switchboard.CallProgress;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code tools/call} through the gateway: the downstream name routed to its server, the client's progress token kept
 * on its side (the server sees Switchboard's own), a cancellation by the client's request id reaching exactly that
 * call, and every failure of a server answered as a tool error that names the server and the {@link ErrorCode}, so
 * that the model reads what happened and the session goes on.
 */
final class ToolCalls {
    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
    };

    /** How long a server that lost its session counts as coming back, however many attempts that takes. */
    static final Duration COMING_BACK = Duration.ofSeconds(30);

    private final java.util.function.Function<Session, SessionOffer> views;

    ToolCalls(java.util.function.Function<Session, SessionOffer> views) {
        this.views = views;
    }

    /**
     * Runs the call and returns its result; null when the client cancelled it (the spec says no answer then).
     * Progress notifications for the client's token go to {@code notify}; {@code operation} learns the tool.
     */
    JsonNode call(Session session, JsonRpc.Message request, Consumer<JsonNode> notify,
            GatewayMetrics.Operation operation) {
        ObjectNode params = request.paramsOrEmpty();
        String name = params.path("name").asText(null);
        if (name == null) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "tools/call needs \"name\": a tool name from tools/list");
        }
        SessionOffer offer = views.apply(session);
        Offer.Route route = offer.tool(name); // a tool the caller may not see is unknown, word for word
        if (route == null) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "Unknown tool: '" + name + "'; tools/list names the"
                    + " tools this gateway offers now");
        }
        operation.tool(name); // only a name the gateway offers: the metric's labels stay bounded
        JsonNode args = params.get("arguments");
        if (args != null && !args.isObject() && !args.isNull()) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "\"arguments\" must be an object");
        }
        Map<String, Object> arguments = args == null || args.isNull() ? Map.of()
                : JsonRpc.MAPPER.convertValue(args, ARGUMENTS);
        Duration wait = session.caller().permitCall(); // after the checks: a refused request takes no share
        if (wait != null) {
            return rateLimited(route.server(), session.caller(), wait);
        }
        CancellationToken token = new CancellationToken();
        if (!session.begin(request.id(), token)) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_REQUEST, "request id " + request.id() + " is already in flight"
                    + " in this session: give each request its own id");
        }
        session.clientRequests().callStarted(request.id(), route.server(), notify);
        try {
            CallOptions options = CallOptions.DEFAULT.withCancellation(token)
                    .withWaitForReady(worthWaitingFor(offer.serving(route.server()), route.server()))
                    .withClientHandlers(session.clientRequests().handlers());
            JsonNode progressToken = params.path("_meta").get("progressToken");
            if (progressToken != null && !progressToken.isNull()) {
                options = options.withProgress(p -> notify.accept(progress(progressToken, p)));
            }
            options = PerUser.forCaller(offer.serving(route.server()), route.server(), session.caller(), options);
            return JsonRpc.tree(offer.serving(route.server()).call(ToolCall.of(route.server(), route.name(),
                    arguments), options)
                    .result());
        } catch (SwitchboardException e) {
            if (e.code() == ErrorCode.CANCELLED && token.isCancelled()) {
                return null;
            }
            return toolError(route.server(), e);
        } finally {
            session.clientRequests().callEnded(request.id());
            session.finish(request.id());
        }
    }

    /**
     * Whether a call should wait for its server to be ready: yes while it is coming back from a crash or a lost
     * session (a restart takes a moment: a process's start, an HTTP server's, each several reconnect attempts
     * long), no when it has been failing to connect for longer than {@link #COMING_BACK}: then the client hears at
     * once that the server is down instead of waiting out the call's deadline. Counting attempts alone made calls
     * through the gateway fail during an HTTP server's one-second restart (found by the chaos suite).
     */
    static boolean worthWaitingFor(Switchboard switchboard, String server) {
        ServerStatus s = switchboard.status(server);
        if (s.state() == ServerState.READY || s.attempts() <= 1) {
            return true;
        }
        boolean comingBack = s.state() == ServerState.CONNECTING || s.state() == ServerState.RETRYING;
        return comingBack && s.since() != null && s.since().plus(COMING_BACK).isAfter(Instant.now());
    }

    private static ObjectNode progress(JsonNode token, CallProgress p) {
        ObjectNode params = JsonRpc.object();
        params.set("progressToken", token);
        params.put("progress", p.progress());
        if (p.total() != null) {
            params.put("total", p.total());
        }
        if (p.message() != null) {
            params.put("message", p.message());
        }
        return JsonRpc.notification("notifications/progress", params);
    }

    /** The text of a call a rate limit refused: whose limit, and when to try again. */
    static String rateLimitedText(Caller caller, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return "RATE_LIMITED: the call was not made: " + (caller instanceof TokenCaller
                ? "token '" + caller.name() + "' is over its own or the gateway's" : "callers are over the gateway's")
                + " rate limit (gateway.rate_limit, gateway.tokens[].rate_limit); try again in " + seconds + " s";
    }

    /**
     * A call a rate limit refused, as a tool error the model can read: {@code _meta["dev.switchboard/error"]} has
     * code {@code RATE_LIMITED}, and {@code retryAfterMs}, how long to wait.
     */
    private static ObjectNode rateLimited(String server, Caller caller, Duration wait) {
        ObjectNode result = JsonRpc.object();
        ObjectNode text = result.putArray("content").addObject();
        text.put("type", "text");
        text.put("text", rateLimitedText(caller, wait));
        result.put("isError", true);
        ObjectNode error = result.putObject("_meta").putObject("dev.switchboard/error");
        error.put("code", "RATE_LIMITED");
        error.put("server", server);
        error.put("retryable", true);
        error.put("retryAfterMs", wait.toMillis());
        return result;
    }

    /** A failure of the server (not of the tool) as a tool result: the text names the server and the code. */
    static ObjectNode toolError(String server, SwitchboardException e) {
        ObjectNode result = JsonRpc.object();
        ObjectNode text = result.putArray("content").addObject();
        text.put("type", "text");
        text.put("text", e.code() + ": " + e.getMessage());
        result.put("isError", true);
        ObjectNode error = result.putObject("_meta").putObject("dev.switchboard/error");
        error.put("code", e.code().name());
        error.put("server", server);
        error.put("retryable", e.code().retryable());
        return result;
    }
}
