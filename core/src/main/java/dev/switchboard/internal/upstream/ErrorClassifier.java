package dev.switchboard.internal.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.Durations;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.Transport;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.internal.observe.Redactor;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;

/**
 * Turns whatever a transport, the SDK or the network threw into a {@link SwitchboardException} with a stable code
 * and a message that names the server and says what to check.
 */
final class ErrorClassifier {
    private final ServerConfig server;
    private final HttpExchangeLog http;
    private final Masker masker;

    ErrorClassifier(ServerConfig server, HttpExchangeLog http, Masker masker) {
        this.server = server;
        this.http = http;
        this.masker = masker;
    }

    /**
     * @param what the operation that failed, for the message ("initialize", "tools/call echo")
     * @param tool the tool concerned, or null
     * @param timeout the limit that applied, for timeout messages
     */
    SwitchboardException classify(Throwable thrown, String what, String tool, Duration timeout) {
        Throwable t = unwrap(thrown);
        // Ours, even when the SDK wrapped it (a process that exited as the session started): it says it best.
        SwitchboardException ours = cause(t, SwitchboardException.class);
        if (ours != null) {
            return ours;
        }
        var response = http == null ? null : http.lastFailure().orElse(null);
        if (causedBy(t, McpTransportSessionNotFoundException.class)) {
            return sessionExpired(response, what, tool, t);
        }
        if (t instanceof McpHttpClientTransportAuthorizationException || response != null
                && (response.status() == 401 || response.status() == 403)) {
            int status = t instanceof McpHttpClientTransportAuthorizationException a && a.getResponseInfo() != null
                    ? a.getResponseInfo().statusCode() : response != null ? response.status() : 401;
            return fail(ErrorCode.AUTH_FAILED, tool, t, "refused the credentials with HTTP " + status
                    + " during " + what + authHint(response));
        }
        if (response != null) {
            SwitchboardException f = fromHttpStatus(response, what, tool, t);
            if (f != null) {
                return f;
            }
        }
        McpError mcp = cause(t, McpError.class);
        if (mcp != null) {
            return fromMcpError(mcp, what, tool);
        }
        if (t instanceof TimeoutException) {
            return fail(ErrorCode.TIMEOUT, tool, t, "did not answer " + what + " within " + Durations.format(timeout)
                    + timeoutHint(what));
        }
        if (isUnreachable(t)) {
            return fail(ErrorCode.UNREACHABLE, tool, t, "is unreachable: " + unreachable(t) + " at " + location()
                    + "; check that it is running and that the url is right");
        }
        if (t instanceof JsonProcessingException || causedBy(t, JsonProcessingException.class)) {
            return fail(ErrorCode.PROTOCOL_MISMATCH, tool, t, "sent something that is not MCP JSON-RPC during "
                    + what + " (" + describe(t) + "): check that " + location() + " is an MCP endpoint");
        }
        if (t instanceof IOException) {
            return fail(ErrorCode.UNREACHABLE, tool, t, "failed during " + what + ": " + describe(t));
        }
        return fail(ErrorCode.INTERNAL, tool, t, "failed during " + what + " with an unexpected error: "
                + describe(t));
    }

    /**
     * The server refused the session id (404, or the 400 "No valid session ID provided" of the TypeScript SDK): it
     * did not process the request, so repeating it on a new session is safe.
     */
    private SwitchboardException sessionExpired(HttpExchangeLog.Response r, String what, String tool, Throwable t) {
        String status = r != null && (r.status() == 400 || r.status() == 404) ? "HTTP " + r.status() : "HTTP 404/400";
        return fail(ErrorCode.SESSION_EXPIRED, tool, t, "no longer knows the session (answered " + status
                + " during " + what + "; it may have restarted or expired the session): Switchboard initialises a"
                + " new session and repeats the refused request, which the server did not process");
    }

    private SwitchboardException fromHttpStatus(HttpExchangeLog.Response r, String what, String tool, Throwable t) {
        int s = r.status();
        if (s == 429) {
            return retryLater(ErrorCode.OVERLOADED, tool, t, "answered HTTP 429 Too Many Requests during "
                    + what + (r.retryAfter() != null ? " (asked to retry after " + Durations.format(r.retryAfter())
                            + ")" : ""), r.retryAfter());
        }
        if (s >= 500) {
            return retryLater(ErrorCode.UNREACHABLE, tool, t, "answered HTTP " + s + " during " + what
                    + ": the server is failing; Switchboard will retry", r.retryAfter());
        }
        if ((s == 404 || s == 400) && !r.isHtml() && server.transport() == Transport.SSE && "POST".equals(r.method())
                && !"initialize".equals(what)) {
            // The message URL came from the server's own stream, and served this session until now: the server has
            // forgotten the session (restarted, expired it), not moved its endpoint.
            return sessionExpired(r, what, tool, t);
        }
        if (s == 404 || s == 405 || r.isHtml()) {
            String hint = server.transport() == Transport.STREAMABLE_HTTP
                    ? "; for a legacy HTTP+SSE server set transport: sse"
                    : "; for a Streamable HTTP server set transport: streamable-http";
            return fail(ErrorCode.PROTOCOL_MISMATCH, tool, t, "answered HTTP " + s
                    + (r.isHtml() ? " with an HTML page" : "") + " during " + what + ": there is no MCP endpoint at "
                    + location() + " (check the path, e.g. /mcp" + hint + ")");
        }
        return null;
    }

    private SwitchboardException fromMcpError(McpError e, String what, String tool) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Unsupported protocol version")) {
            Object data = e.getJsonRpcError() == null ? null : e.getJsonRpcError().data();
            return fail(ErrorCode.PROTOCOL_MISMATCH, tool, e, "offers no MCP protocol version Switchboard supports ("
                    + (data != null ? data : msg) + "; Switchboard supports " + ProtocolVersions.supportedText()
                    + "): upgrade the server or pin a compatible release");
        }
        var rpc = e.getJsonRpcError();
        if (rpc != null && rpc.data() instanceof java.util.Map<?, ?> data
                && data.get(StdioInFlight.ERROR_CODE_KEY) instanceof String ours) {
            // A failure our own stdio transport answered on the server's behalf (the process exited).
            return new SwitchboardException(ErrorCode.valueOf(ours), server.name(), tool, rpc.message(), e);
        }
        String code = rpc == null ? "" : " " + rpc.code();
        return fail(ErrorCode.RPC_ERROR, tool, e, "answered " + what + " with JSON-RPC error" + code + ": "
                + (rpc == null ? msg : rpc.message()));
    }

    private SwitchboardException fail(ErrorCode code, String tool, Throwable cause, String detail) {
        return new SwitchboardException(code, server.name(), tool, message(tool, detail), cause);
    }

    private SwitchboardException retryLater(ErrorCode code, String tool, Throwable cause, String detail,
            Duration retryAfter) {
        return new RetryLaterException(code, server.name(), tool, message(tool, detail), cause, retryAfter);
    }

    private String message(String tool, String detail) {
        return masker.mask("server '" + server.name() + "'" + (tool == null ? "" : " (tool '" + tool + "')")
                + " " + detail);
    }

    private String location() {
        return switch (server) {
            case HttpServer h -> Redactor.url(h.url().toString());
            case StdioServer s -> "the process '" + s.command() + "'";
        };
    }

    private String timeoutHint(String what) {
        if (!what.equals("initialize")) {
            return "";
        }
        return server instanceof StdioServer
                ? ": check that the command starts an MCP server that speaks on stdout, or raise connect_timeout"
                : ": check that " + location() + " is an MCP endpoint, or raise connect_timeout";
    }

    private static String authHint(HttpExchangeLog.Response r) {
        String base = ": check the Authorization (or API key) header and the secret it is built from";
        if (r != null && r.wwwAuthenticate() != null && r.wwwAuthenticate().toLowerCase().startsWith("bearer")) {
            return base + " (the server asks for a Bearer token)";
        }
        return base;
    }

    static Throwable unwrap(Throwable t) {
        Throwable cur = Exceptions.unwrap(t);
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = Exceptions.unwrap(cur.getCause());
        }
        return cur;
    }

    /** Why a connection could not be made, in the words of a person: the JDK's exceptions often carry none. */
    private static String unreachable(Throwable t) {
        UnknownHostException unknown = cause(t, UnknownHostException.class);
        if (unknown != null || causedBy(t, UnresolvedAddressException.class)) {
            return "unknown host" + (unknown != null && unknown.getMessage() != null ? " " + unknown.getMessage()
                    : "");
        }
        if (causedBy(t, HttpConnectTimeoutException.class)) {
            return "no answer to the connection attempt";
        }
        // The JDK's HTTP client reports a refused connection as a ConnectException around a bare
        // ClosedChannelException.
        return "connection refused";
    }

    /** Whether a failure is a refused connection: nobody listens where the server was. */
    static boolean refused(Throwable t) {
        return causedBy(t, ConnectException.class);
    }

    private static boolean isUnreachable(Throwable t) {
        return causedBy(t, ConnectException.class) || causedBy(t, UnknownHostException.class)
                || causedBy(t, UnresolvedAddressException.class) || causedBy(t, HttpConnectTimeoutException.class)
                || causedBy(t, java.nio.channels.ClosedChannelException.class);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        String name = root.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + truncate(m, 300);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
