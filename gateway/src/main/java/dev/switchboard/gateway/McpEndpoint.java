package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /mcp}: MCP's Streamable HTTP transport. POST carries one message (answered as JSON, or as an SSE stream
 * when the request may produce messages before its answer), GET opens or resumes a stream, DELETE ends a session.
 * The rules the spec asks of a server are checked here, each refusal saying what to do: a missing session (400) or
 * an unknown one (404; a session of another token is unknown too), an unsupported {@code MCP-Protocol-Version}
 * (400). The {@code Origin} and the token were checked before ({@link AccessHandler}).
 */
final class McpEndpoint extends Handler.Abstract {
    static final String PATH = "/mcp";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    private final Switchboard switchboard;
    private final GatewaySettings settings;
    private final Sessions sessions;
    private final Methods methods;
    private final ObjectMapper reader;
    private final Streaming streaming;
    private volatile boolean draining;

    McpEndpoint(Switchboard switchboard, GatewaySettings settings, Sessions sessions, Methods methods,
            Duration keepAlive) {
        this.switchboard = switchboard;
        this.settings = settings;
        this.sessions = sessions;
        this.methods = methods;
        this.reader = JsonRpc.reader(settings.maxJsonDepth());
        this.streaming = new Streaming(methods, keepAlive);
    }

    /** From now on new sessions are refused with 503: the gateway is stopping. */
    void drain() {
        draining = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        switch (request.getMethod()) {
            case "POST" -> post(request, response, callback);
            case "GET" -> get(request, response, callback);
            case "DELETE" -> delete(request, response, callback);
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, DELETE");
                Replies.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod()
                        + " is not part of MCP's Streamable HTTP transport (expected: POST, GET or DELETE)");
            }
        }
        return true;
    }

    private void post(Request request, Response response, Callback callback) throws Exception {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            Replies.error(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "a POST carries one JSON-RPC"
                    + " message with Content-Type: application/json (got " + type + ")");
            return;
        }
        if (!Replies.accepts(request, "application/json") || !Replies.accepts(request, "text/event-stream")) {
            Replies.error(response, callback, HttpStatus.NOT_ACCEPTABLE_406, "a POST must accept both"
                    + " application/json and text/event-stream (Accept header)");
            return;
        }
        JsonRpc.Message message = Replies.message(request, response, callback, settings.maxRequestBytes(), reader);
        if (message == null) {
            return;
        }
        if (message.isRequest() && "initialize".equals(message.method())) {
            initialize(Caller.of(request), message, response, callback);
            return;
        }
        Session session = session(request, response, callback);
        if (session == null) {
            return;
        }
        if (!message.isRequest()) {
            session.fromClient(message);
            Replies.status(response, callback, HttpStatus.ACCEPTED_202);
            return;
        }
        if (Methods.mayStream(session, message)) {
            streaming.answer(session, message, response, callback);
            return;
        }
        session.answering();
        try {
            Replies.json(response, callback, HttpStatus.OK_200, streaming.answerNow(session, message));
        } finally {
            session.answered();
        }
    }

    private void initialize(Caller caller, JsonRpc.Message message, Response response, Callback callback) {
        if (draining) {
            Replies.error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "the gateway is shutting down");
            return;
        }
        ObjectNode params = message.paramsOrEmpty();
        String version = Handshake.negotiate(params.path("protocolVersion").asText(null));
        Session session;
        try {
            session = sessions.open(caller, version, params.get("clientInfo"), params.get("capabilities"));
        } catch (Sessions.Full full) {
            Replies.error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, full.getMessage());
            return;
        } catch (Sessions.TooManyForCaller tooMany) {
            Replies.error(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, tooMany.getMessage());
            return;
        }
        response.getHeaders().put(SESSION_HEADER, session.id());
        Replies.json(response, callback, HttpStatus.OK_200, JsonRpc.result(message.id(),
                Handshake.result(version, switchboard, settings, caller)));
    }


    private void get(Request request, Response response, Callback callback) throws Exception {
        if (!Replies.accepts(request, "text/event-stream")) {
            Replies.error(response, callback, HttpStatus.NOT_ACCEPTABLE_406, "a GET opens an SSE stream: accept"
                    + " text/event-stream");
            return;
        }
        Session session = session(request, response, callback);
        if (session != null) {
            streaming.follow(session, request.getHeaders().get("Last-Event-ID"), response, callback);
        }
    }

    private void delete(Request request, Response response, Callback callback) {
        Session session = session(request, response, callback);
        if (session != null) {
            sessions.close(session.id(), "the client ended the session");
            Replies.status(response, callback, HttpStatus.OK_200);
        }
    }

    /**
     * The request's session, or null after answering 400 (none named), 404 (unknown, or opened with another token:
     * a session id alone must not let one token act as another) or 400 (bad version).
     */
    private Session session(Request request, Response response, Callback callback) {
        String id = request.getHeaders().get(SESSION_HEADER);
        if (id == null) {
            Replies.error(response, callback, HttpStatus.BAD_REQUEST_400, "no " + SESSION_HEADER + " header: send"
                    + " initialize first, then the session id it returns with every request");
            return null;
        }
        Session session = sessions.find(id);
        if (session == null || !session.caller().equals(Caller.of(request))) {
            Replies.error(response, callback, HttpStatus.NOT_FOUND_404, "session " + id + " does not exist or has"
                    + " ended: initialize a new one");
            return null;
        }
        String version = request.getHeaders().get(VERSION_HEADER);
        if (version != null && !Handshake.supported(version)) {
            Replies.error(response, callback, HttpStatus.BAD_REQUEST_400, "unsupported " + VERSION_HEADER + " '"
                    + version + "' (supported: " + String.join(", ", Handshake.VERSIONS) + ")");
            return null;
        }
        return session;
    }
}
