package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /sse} and {@code /message}: MCP's legacy HTTP+SSE transport (protocol 2024-11-05), for clients that predate
 * Streamable HTTP. A GET of {@code /sse} opens a session and its one stream, whose first event names the URL to POST
 * to; each POST is accepted (202) and its answer, like everything else for the session, goes out on the stream. The
 * session is the same as on {@code /mcp} (registry, cap, ids, methods) but lives exactly as long as its stream: the
 * transport cannot resume one, so a stream that closes ends the session and cancels its calls on their servers.
 */
final class LegacySseEndpoint extends Handler.Abstract {
    static final String SSE_PATH = "/sse";
    static final String MESSAGE_PATH = "/message";
    static final String SESSION_PARAMETER = "sessionId";
    /** The version a session has until its client says otherwise in {@code initialize}. */
    private static final String LEGACY_VERSION = "2024-11-05";
    /** The transport names every event: old clients drop events without a type instead of reading them as messages. */
    private static final byte[] MESSAGE_EVENT = "event: message\n".getBytes(StandardCharsets.UTF_8);

    /** A session of this transport, and whether its client has sent {@code initialize} yet. */
    private record Link(Session session, AtomicBoolean initializeSeen) {
    }

    private final Switchboard switchboard;
    private final GatewaySettings settings;
    private final Sessions sessions;
    private final Methods methods;
    private final ObjectMapper reader;
    private final Duration keepAlive;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private volatile boolean draining;

    LegacySseEndpoint(Switchboard switchboard, GatewaySettings settings, Sessions sessions, Methods methods,
            Duration keepAlive) {
        this.switchboard = switchboard;
        this.settings = settings;
        this.sessions = sessions;
        this.methods = methods;
        this.reader = JsonRpc.reader(settings.maxJsonDepth());
        this.keepAlive = keepAlive;
    }

    /** From now on new streams are refused with 503: the gateway is stopping. */
    void drain() {
        draining = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean sse = SSE_PATH.equals(path);
        if (!sse && !MESSAGE_PATH.equals(path)) {
            return false;
        }
        String expected = sse ? "GET" : "POST";
        if (!expected.equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, expected);
            Replies.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod() + " " + path
                    + " is not part of MCP's HTTP+SSE transport (expected: GET " + SSE_PATH + " for the stream, POST "
                    + MESSAGE_PATH + " for messages)");
            return true;
        }
        if (sse) {
            stream(request, response, callback);
        } else {
            post(request, response, callback);
        }
        return true;
    }

    private void stream(Request request, Response response, Callback callback) {
        if (!Replies.accepts(request, "text/event-stream")) {
            Replies.error(response, callback, HttpStatus.NOT_ACCEPTABLE_406, "GET " + SSE_PATH + " opens an SSE"
                    + " stream: accept text/event-stream");
            return;
        }
        if (draining) {
            Replies.error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "the gateway is shutting down");
            return;
        }
        Session session;
        try {
            session = sessions.open(Caller.of(request), LEGACY_VERSION, null, null);
        } catch (Sessions.Full full) {
            Replies.error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, full.getMessage());
            return;
        } catch (Sessions.TooManyForCaller tooMany) {
            Replies.error(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, tooMany.getMessage());
            return;
        }
        links.put(session.id(), new Link(session, new AtomicBoolean()));
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
        Hangups.watch(request, response, () -> end(session));
        try {
            write(response, ("event: endpoint\ndata: " + MESSAGE_PATH + "?" + SESSION_PARAMETER + "=" + session.id()
                    + "\n\n").getBytes(StandardCharsets.UTF_8));
            // Keep-alive comments pass as they are; every other frame of the stream is a message.
            session.standalone().serve(chunk -> write(response, chunk[0] == ':' ? chunk : typed(chunk)), 0,
                    keepAlive);
        } catch (IOException e) {
            // the client went away before its stream began: the session ends below like any other
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            end(session);
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        }
    }

    private void post(Request request, Response response, Callback callback) throws IOException {
        String id = Request.extractQueryParameters(request).getValue(SESSION_PARAMETER);
        if (id == null) {
            Replies.error(response, callback, HttpStatus.BAD_REQUEST_400, "no " + SESSION_PARAMETER + " parameter:"
                    + " open the stream (GET " + SSE_PATH + ") and POST to the URL its endpoint event names");
            return;
        }
        Link link = links.get(id);
        if (link == null || sessions.find(id) == null || !link.session().caller().equals(Caller.of(request))) {
            Replies.error(response, callback, HttpStatus.NOT_FOUND_404, "session " + id + " does not exist or has"
                    + " ended (a session ends with its stream): open a new stream with GET " + SSE_PATH);
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            Replies.error(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "a POST carries one JSON-RPC"
                    + " message with Content-Type: application/json (got " + type + ")");
            return;
        }
        JsonRpc.Message message = Replies.message(request, response, callback, settings.maxRequestBytes(), reader);
        if (message == null) {
            return;
        }
        if (message.isRequest()) {
            link.session().answering();
            Thread.ofVirtual().name("switchboard-gateway-legacy-request").start(() -> {
                try {
                    answer(link, message);
                } finally {
                    link.session().answered();
                }
            });
        } else {
            link.session().fromClient(message);
        }
        Replies.status(response, callback, HttpStatus.ACCEPTED_202);
    }

    /** Answers a request on the session's stream; a call its client cancelled gets no answer, as the spec says. */
    private void answer(Link link, JsonRpc.Message request) {
        Session session = link.session();
        JsonNode reply;
        if ("initialize".equals(request.method())) {
            reply = initialize(link, request);
        } else if (!link.initializeSeen().get() && !"ping".equals(request.method())) {
            reply = JsonRpc.error(request.id(), JsonRpc.INVALID_REQUEST, "the session is not initialized: send"
                    + " initialize first");
        } else {
            reply = methods.reply(session, request, session.standalone()::send);
        }
        if (reply != null) {
            session.standalone().send(reply);
        }
    }

    private JsonNode initialize(Link link, JsonRpc.Message request) {
        if (!link.initializeSeen().compareAndSet(false, true)) {
            return JsonRpc.error(request.id(), JsonRpc.INVALID_REQUEST, "the session is already initialized; a new"
                    + " session needs a new stream (GET " + SSE_PATH + ")");
        }
        ObjectNode params = request.paramsOrEmpty();
        String version = Handshake.negotiate(params.path("protocolVersion").asText(null));
        link.session().handshake(version, params.get("clientInfo"), params.get("capabilities"));
        return JsonRpc.result(request.id(), Handshake.result(version, switchboard, settings,
                link.session().caller()));
    }


    /** Ends the session of a stream that closed: its calls are cancelled on their servers. */
    private void end(Session session) {
        if (links.remove(session.id()) != null) {
            sessions.close(session.id(), "the client closed its SSE stream");
        }
    }

    private static byte[] typed(byte[] frame) {
        byte[] out = new byte[MESSAGE_EVENT.length + frame.length];
        System.arraycopy(MESSAGE_EVENT, 0, out, 0, MESSAGE_EVENT.length);
        System.arraycopy(frame, 0, out, MESSAGE_EVENT.length, frame.length);
        return out;
    }

    private static void write(Response response, byte[] bytes) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(bytes), written);
            written.block();
        }
    }
}
