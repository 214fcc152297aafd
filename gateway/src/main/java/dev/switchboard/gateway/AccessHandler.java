package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.TokenHash;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's door, in front of every endpoint: a browser page from an origin that is not allowed is refused (403),
 * and so is, on a loopback gateway without tokens, a request whose {@code Host} is not a loopback name or the host of
 * an allowed origin (a page that reached it through DNS rebinding sends no {@code Origin} with a GET);
 * with tokens or OAuth configured, a request without a valid {@code Authorization: Bearer} token is refused (401);
 * every other request goes on with its {@link Caller} attached ({@link Caller#ATTRIBUTE}). Only {@code /healthz},
 * {@code /readyz}, the resource metadata ({@link ResourceMetadata}) and the dashboard's static files
 * ({@link Dashboard}) are open to all, so that probes need no token, MCP clients can find out how to get one, and a
 * person's browser can load the page that asks for one.
 */
final class AccessHandler extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(AccessHandler.class);
    private static final Set<String> OPEN = Set.of("/healthz", "/readyz");
    private static final List<String> MCP_PATHS = List.of(McpEndpoint.PATH, LegacySseEndpoint.SSE_PATH,
            LegacySseEndpoint.MESSAGE_PATH);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final String REALM = "Bearer realm=\"switchboard\"";

    private final Origins origins;
    private final AccessControl access;
    private final boolean beyondLoopback;
    private final Clock clock;
    /** When the insecure warning was last logged; a minute before the start, so that the first request warns. */
    private final AtomicLong lastWarning;

    private final Runnable followFile;

    /** {@code followFile} brings access up to date with the configuration file, before each request is checked. */
    AccessHandler(GatewaySettings settings, AccessControl access, Clock clock, Runnable followFile, Handler next) {
        super(next);
        this.followFile = followFile;
        this.origins = new Origins(settings.allowedOrigins());
        this.access = access;
        this.beyondLoopback = !settings.loopbackOnly();
        this.clock = clock;
        this.lastWarning = new AtomicLong(clock.millis() - WARN_EVERY.toMillis());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        // The dashboard's files are static and hold nothing secret; the data the page shows is read from the REST
        // API with the token the person gives it, so the page is open and the API stays closed.
        if (OPEN.contains(path) || ResourceMetadata.isMetadataPath(path) || Dashboard.serves(path)) {
            return super.handle(request, response, callback);
        }
        // A refusal leaves the body unread, and Jetty then drops the connection after the answer: said up front, so
        // that a client does not send its next request (with a token) on a connection about to close.
        boolean body = hasBody(request);
        if (body) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origins.allowed(origin)) {
            refuse(path, response, callback, HttpStatus.FORBIDDEN_403, "origin '" + origin + "' is not allowed;"
                    + " add it to gateway.allowed_origins if this page may use the gateway");
            return true;
        }
        followFile.run();
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!access.controlled() && !beyondLoopback && !origins.hostAllowed(host)) {
            // No token to stop a web page that reached this loopback gateway under a name of its own.
            refuse(path, response, callback, HttpStatus.FORBIDDEN_403, "host '" + host + "' is not a name of this"
                    + " gateway (it listens on loopback without tokens); a reverse proxy that passes a public name"
                    + " needs its origin in gateway.allowed_origins, e.g. https://" + host);
            return true;
        }
        Caller caller = access.controlled() ? caller(request, response, callback, path) : anyoneWarned();
        if (caller == null) {
            return true;
        }
        if (body) {
            response.getHeaders().remove(HttpHeader.CONNECTION);
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return super.handle(request, response, callback);
    }

    /**
     * The caller of the request's token; null after answering 401 (none, or not valid), 403 (an OAuth token without
     * the scope needed) or 503 (busy, or the issuer's keys out of reach). A static token announces itself
     * ({@code sbt_}); any other is an OAuth access token when {@code gateway.oauth} is configured.
     */
    private Caller caller(Request request, Response response, Callback callback, String path) {
        String token = bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        AccessTokens oauth = access.accessTokens();
        Tokens tokens = access.tokens();
        if (token == null) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, oauth == null ? REALM
                    : ResourceMetadata.challenge(oauth, null, null, null));
            refuse(path, response, callback, HttpStatus.UNAUTHORIZED_401, oauth == null ? "this gateway needs an"
                    + " access token: send the header Authorization: Bearer <token>, with a token from switchboard"
                    + " token create whose hash is in gateway.tokens" : "this gateway needs an access token: send"
                    + " the header Authorization: Bearer <token>, with an OAuth access token of " + oauth.settings()
                    .issuer() + " (an MCP client finds how to get one at " + ResourceMetadata.url(oauth.resource())
                    + ")" + (tokens == null ? "" : ", or a token of gateway.tokens"));
            return null;
        }
        if (oauth != null && (tokens == null || TokenHash.selectorOf(token) == null)) {
            return OAuthRefusals.caller(oauth, token, path, response, callback);
        }
        try {
            Caller caller = tokens.check(token);
            if (caller == null) {
                log.atDebug().setMessage("gateway.access.refused").addKeyValue("path", path)
                        .addKeyValue("reason", "invalid_token").log();
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, oauth == null ? REALM
                        + ", error=\"invalid_token\"" : ResourceMetadata.challenge(oauth, "invalid_token",
                        "the token is none of gateway.tokens", null));
                refuse(path, response, callback, HttpStatus.UNAUTHORIZED_401, "the access token is not valid: it is"
                        + " none of gateway.tokens (mistyped, or its hash was removed); send the token that"
                        + " switchboard token create printed, as Authorization: Bearer <token>");
            }
            return caller;
        } catch (Tokens.Busy busy) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            refuse(path, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, busy.getMessage()
                    + "; try again in a second");
            return null;
        }
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** The credential of {@code Authorization: Bearer <credential>}, or null without one. */
    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String credential = authorization.substring(7).trim();
        return credential.isEmpty() ? null : credential;
    }

    /** Anyone; on an address beyond loopback (serve --insecure) a warning at most once a minute says so. */
    private Caller anyoneWarned() {
        if (beyondLoopback) {
            long now = clock.millis();
            long last = lastWarning.get();
            if (now - last >= WARN_EVERY.toMillis() && lastWarning.compareAndSet(last, now)) {
                log.atWarn().setMessage("gateway.insecure").addKeyValue("reason", "the gateway listens beyond"
                        + " loopback without tokens: anyone who reaches it can use every server; add gateway.tokens"
                        + " (switchboard token create NAME)").log();
            }
        }
        return access.anyone();
    }

    /**
     * A refusal in the shape the endpoint speaks: a JSON-RPC error for MCP's transports, else
     * {@code application/problem+json} (RFC 9457).
     */
    static void refuse(String path, Response response, Callback callback, int status, String message) {
        if (MCP_PATHS.contains(path)) {
            Replies.error(response, callback, status, message);
            return;
        }
        ObjectNode problem = JsonRpc.object();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.getMessage(status));
        problem.put("status", status);
        problem.put("detail", message);
        // The same stable codes as the REST API's own problems, so a client handles them in one place.
        problem.put("code", switch (status) {
            case 400 -> RestProblems.MALFORMED_REQUEST;
            case 401 -> "UNAUTHORIZED";
            case 403 -> RestProblems.FORBIDDEN;
            case 413 -> RestProblems.PAYLOAD_TOO_LARGE;
            case 429 -> RestProblems.RATE_LIMITED;
            default -> "REFUSED";
        });
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.write(true, ByteBuffer.wrap(JsonRpc.bytes(problem)), callback);
    }

    /**
     * Answers an HTTP request whose tool call a rate limit refused ({@link Caller#permitCall()}): 429 with
     * {@code Retry-After} in whole seconds (at least 1), for the REST API's handlers.
     */
    static void tooManyCalls(Request request, Response response, Callback callback, Caller caller, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
        refuse(Request.getPathInContext(request), response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                ToolCalls.rateLimitedText(caller, wait));
    }
}
