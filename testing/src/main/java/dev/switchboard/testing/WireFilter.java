package dev.switchboard.testing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs before the SDK servlet: answers 401 without an accepted bearer token (or with a revoked one), 404 to sessions
 * expired on command, and taps POSTed JSON-RPC. The user a token stands for goes to the tool handlers in the
 * request's transport context ({@link #USER}).
 */
final class WireFilter extends HttpFilter {
    /** The transport context key (and request attribute) of the user whose token a request carried. */
    static final String USER = "fake.user";

    private final byte[] expectedAuthorization;
    /** {@code Authorization} values accepted besides the required one, each with its user. */
    private final Map<String, String> users = new ConcurrentHashMap<>();
    /** {@code Authorization} values refused from now on, even the required one. */
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    /** Whether a request needs an accepted token: once any is configured or accepted. */
    private volatile boolean guarded;
    private final String challenge;
    private final ServerEvents events;
    private final Set<String> seenSessions = ConcurrentHashMap.newKeySet();
    private final Set<String> expiredSessions = ConcurrentHashMap.newKeySet();

    WireFilter(String requiredBearer, String resourceMetadata, Map<String, String> bearerUsers,
            ServerEvents events) {
        this.expectedAuthorization = requiredBearer == null ? null
                : ("Bearer " + requiredBearer).getBytes(StandardCharsets.UTF_8);
        bearerUsers.forEach(this::accept);
        this.guarded = requiredBearer != null || !bearerUsers.isEmpty();
        this.challenge = resourceMetadata == null ? "Bearer realm=\"fake-mcp\""
                : "Bearer resource_metadata=\"" + resourceMetadata + "\"";
        this.events = events;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        events.requestHeaders(headers(request));
        String authorization = request.getHeader("Authorization");
        String user = authorization == null ? null : users.get(authorization);
        if (user != null) {
            request.setAttribute(USER, user);
        }
        if (guarded && (user == null && !authorized(authorization) || revoked.contains(authorization))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", challenge);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"unauthorized\"}");
            return;
        }
        String session = sessionId(request);
        if (session != null && expiredSessions.contains(session)) {
            // What the spec says a server answers to a session it has ended: 404, and the client starts afresh.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json");
            response.getWriter().write("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32001,"
                    + "\"message\":\"Session not found\"}}");
            return;
        }
        if (session != null) {
            seenSessions.add(session);
        }
        if ("POST".equals(request.getMethod())) {
            // MCP POST bodies are small JSON-RPC messages: buffering them whole is fine for a test server.
            byte[] body = request.getInputStream().readAllBytes();
            WireTap.scan(new String(body, StandardCharsets.UTF_8), events);
            request = new BufferedBodyRequest(request, body);
        }
        chain.doFilter(request, response);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(Collections.list(request.getHeaders(name))));
        }
        return Collections.unmodifiableMap(headers);
    }

    /** Ends every session seen so far: each of their requests is answered 404 from now on. */
    void expireSessions() {
        expiredSessions.addAll(seenSessions);
    }

    private static String sessionId(HttpServletRequest request) {
        String header = request.getHeader("Mcp-Session-Id");
        return header != null ? header : request.getParameter("sessionId"); // legacy SSE: in the message URL
    }

    private boolean authorized(String header) {
        return header != null && expectedAuthorization != null
                && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
    }

    /** Accepts {@code token} as {@code user} from now on (a lookup, not constant-time: fine for a test server). */
    void accept(String token, String user) {
        users.put("Bearer " + token, user);
        revoked.remove("Bearer " + token);
        guarded = true;
    }

    /** Refuses {@code token} with 401 from now on, as a resource server does once a token is revoked. */
    void revoke(String token) {
        revoked.add("Bearer " + token);
    }

    /** Replays an already-read body to the servlet. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the fake server reads request bodies blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
