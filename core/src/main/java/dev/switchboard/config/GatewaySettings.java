package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@code switchboard serve} offers every server on one MCP endpoint: where it listens, which browser origins it
 * accepts, how it names what it offers, and the bounds on what clients can make it hold. The library itself ignores
 * these settings.
 *
 * @param host the address to listen on; one other than loopback (127.0.0.0/8, {@code ::1}, {@code localhost})
 *     needs {@code tokens} or {@code oauth} (with its {@code resource}), or {@code insecure} (see
 *     {@link #unsafeListen()})
 * @param port the port, or 0 for any free one
 * @param allowedOrigins the {@code Origin} values accepted besides loopback ones ({@code http://localhost:*},
 *     {@code http://127.0.0.1:*}, {@code http://[::1]:*}), each {@code scheme://host[:port]} (kept as a browser sends
 *     it: lower case, without the scheme's default port), or {@code *} for any; a request without an {@code Origin}
 *     is accepted
 * @param names how tools and prompts are named downstream
 * @param pageSize items per page of {@code tools/list}, {@code prompts/list}, {@code resources/list} ...
 * @param replayEvents events kept per SSE stream: for a client that reconnects with {@code Last-Event-ID}, and for
 *     one that reads more slowly than its servers write (the oldest are dropped, and the client is told how many)
 * @param maxSessions downstream sessions open at once; an {@code initialize} beyond it is refused with 503
 * @param sessionIdleTimeout a session with no request and no open stream for this long is ended
 * @param maxRequestBytes the largest request body accepted (413 beyond it)
 * @param listUnavailableTools whether the tools of a server that is down are listed (calls to them fail with a tool
 *     error naming the server) or withheld until it is back (the default)
 * @param serverName the name the gateway gives itself in {@code initialize}
 * @param serverVersion the version it gives itself, or null for Switchboard's own
 * @param tokens the access tokens; without any, every request is let in (and the gateway listens on loopback only)
 * @param rateLimit the limit on tool calls of all tokens together, or null for none
 * @param insecure whether the gateway may listen beyond loopback without tokens (anyone who reaches it may then use
 *     every server)
 * @param tls the certificate to serve HTTPS with, or null for plain HTTP
 * @param maxJsonDepth the deepest nesting of a request's JSON (400 beyond it, refused while reading)
 * @param maxBatch the most calls in one batch request of the REST API
 * @param maxSessionsPerToken sessions one token (or one OAuth identity) may have open at once (429 beyond it); with
 *     access control only
 * @param oauth how OAuth access tokens (JWTs) of an authorization server are accepted, or null for none; with or
 *     without {@code tokens}
 */
public record GatewaySettings(String host, int port, List<String> allowedOrigins, Names names, int pageSize,
        int replayEvents, int maxSessions, Duration sessionIdleTimeout, int maxRequestBytes,
        boolean listUnavailableTools, String serverName, String serverVersion, List<GatewayToken> tokens,
        RateLimit rateLimit, boolean insecure, GatewayTls tls, int maxJsonDepth, int maxBatch,
        int maxSessionsPerToken, GatewayOAuth oauth) {

    /** How the gateway names tools and prompts for its clients. */
    public enum Names {
        /** Always {@code <server>__<tool>}: names that do not change when another server is added. */
        QUALIFIED,
        /** A name offered by one server only keeps its own name; a name several servers offer is qualified. */
        BARE_WHEN_UNIQUE
    }

    public static final int DEFAULT_PORT = 7700;

    /**
     * Loopback port 7700, qualified names, pages of 100, 256 events kept per stream, 1000 sessions idle out after
     * 30 minutes, bodies up to 4 MiB nested at most 64 deep, tools of servers that are down withheld, named
     * {@code switchboard}; no tokens, no rate limit, plain HTTP, batches of up to 100 calls, 100 sessions per token.
     */
    public static final GatewaySettings DEFAULT = new GatewaySettings("127.0.0.1", DEFAULT_PORT, List.of(),
            Names.QUALIFIED, 100, 256, 1000, Duration.ofMinutes(30), 4 * 1024 * 1024, false, "switchboard", null,
            List.of(), null, false, null, 64, 100, 100, null);

    public GatewaySettings {
        Objects.requireNonNull(host, "host");
        Check.argument(!host.isBlank(), "gateway.listen: the host is blank (expected: e.g. 127.0.0.1)");
        host = GatewayRules.unbracketed(host.trim());
        Check.argument(port >= 0 && port <= 65535, "gateway.listen: port %s (expected: 0 to 65535)", port);
        allowedOrigins = allowedOrigins.stream().map(GatewaySettings::origin).distinct().toList();
        Objects.requireNonNull(names, "names");
        Check.argument(pageSize >= 1, "gateway.page_size: %s (expected: >= 1)", pageSize);
        Check.argument(replayEvents >= 16, "gateway.replay_events: %s (expected: >= 16)", replayEvents);
        Check.argument(maxSessions >= 1, "gateway.max_sessions: %s (expected: >= 1)", maxSessions);
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        Check.argument(sessionIdleTimeout.isPositive(), "gateway.session_idle_timeout: %s (expected: > 0)",
                sessionIdleTimeout);
        Check.argument(maxRequestBytes >= 1024, "gateway.max_request_bytes: %s (expected: >= 1024)",
                maxRequestBytes);
        Objects.requireNonNull(serverName, "serverName");
        Check.argument(!serverName.isBlank(), "gateway.server_info.name: blank (expected: e.g. switchboard)");
        Check.argument(serverVersion == null || !serverVersion.isBlank(),
                "gateway.server_info.version: blank (expected: e.g. 1.2.3, or null for Switchboard's own)");
        tokens = List.copyOf(tokens);
        Check.argument(tokens.stream().map(GatewayToken::name).distinct().count() == tokens.size(),
                "gateway.tokens: two tokens have the same name (expected: unique names)");
        Check.argument(tokens.stream().map(t -> t.hash().selector()).distinct().count() == tokens.size(),
                "gateway.tokens: two tokens have the same hash (expected: one token create per token)");
        Check.argument(maxJsonDepth >= 8 && maxJsonDepth <= 1000, "gateway.max_json_depth: %s (expected: 8 to"
                + " 1000)", maxJsonDepth);
        Check.argument(maxBatch >= 1, "gateway.max_batch: %s (expected: >= 1)", maxBatch);
        Check.argument(maxSessionsPerToken >= 1, "gateway.max_sessions_per_token: %s (expected: >= 1)",
                maxSessionsPerToken);
    }

    /**
     * Why the gateway must not listen where these settings say, or null when it may: an address other than loopback
     * is refused without tokens (anyone on the network could use every server), unless {@code insecure} says the
     * network is trusted; and with OAuth but no {@code oauth.resource} (tokens are issued for the URL clients use,
     * which the listen address rarely is).
     */
    public String unsafeListen() {
        if (loopbackOnly()) {
            return null;
        }
        if (oauth != null && oauth.resource() == null) {
            return GatewayRules.noResource(host);
        }
        return accessControlled() || insecure ? null : GatewayRules.notLoopback(host);
    }

    /** Whether the gateway listens on a loopback address only (reachable from this machine alone). */
    public boolean loopbackOnly() {
        return GatewayRules.isLoopback(host);
    }

    /** Whether requests need a token: a static one of {@code tokens}, or an OAuth access token. */
    public boolean accessControlled() {
        return !tokens.isEmpty() || oauth != null;
    }

    /** The values of these settings never to print: the tokens' hashes and the TLS password. */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>(tokens.stream().map(t -> t.hash().encoded()).toList());
        if (tls != null && tls.password() != null) {
            out.add(tls.password());
        }
        return out;
    }

    private static String origin(String origin) {
        if (origin.trim().equals("*")) {
            return "*";
        }
        GatewayRules.Origin checked = GatewayRules.origin(origin);
        Check.argument(checked.problem() == null, "gateway.allowed_origins: %s", checked.problem());
        return checked.normal();
    }

    /** A builder that starts from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link GatewaySettings} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private String host;
        private int port;
        private List<String> allowedOrigins;
        private Names names;
        private int pageSize;
        private int replayEvents;
        private int maxSessions;
        private Duration sessionIdleTimeout;
        private int maxRequestBytes;
        private boolean listUnavailableTools;
        private String serverName;
        private String serverVersion;
        private List<GatewayToken> tokens;
        private RateLimit rateLimit;
        private boolean insecure;
        private GatewayTls tls;
        private int maxJsonDepth;
        private int maxBatch;
        private int maxSessionsPerToken;
        private GatewayOAuth oauth;

        private Builder(GatewaySettings from) {
            host = from.host;
            port = from.port;
            allowedOrigins = from.allowedOrigins;
            names = from.names;
            pageSize = from.pageSize;
            replayEvents = from.replayEvents;
            maxSessions = from.maxSessions;
            sessionIdleTimeout = from.sessionIdleTimeout;
            maxRequestBytes = from.maxRequestBytes;
            listUnavailableTools = from.listUnavailableTools;
            serverName = from.serverName;
            serverVersion = from.serverVersion;
            tokens = from.tokens;
            rateLimit = from.rateLimit;
            insecure = from.insecure;
            tls = from.tls;
            maxJsonDepth = from.maxJsonDepth;
            maxBatch = from.maxBatch;
            maxSessionsPerToken = from.maxSessionsPerToken;
            oauth = from.oauth;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = origins;
            return this;
        }

        public Builder names(Names names) {
            this.names = names;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder replayEvents(int events) {
            this.replayEvents = events;
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder sessionIdleTimeout(Duration timeout) {
            this.sessionIdleTimeout = timeout;
            return this;
        }

        public Builder maxRequestBytes(int bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        public Builder listUnavailableTools(boolean list) {
            this.listUnavailableTools = list;
            return this;
        }

        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        public Builder serverVersion(String version) {
            this.serverVersion = version;
            return this;
        }

        public Builder tokens(List<GatewayToken> tokens) {
            this.tokens = tokens;
            return this;
        }

        /** The limit on tool calls of all tokens together; null for none. */
        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /** The certificate to serve HTTPS with; null for plain HTTP. */
        public Builder tls(GatewayTls tls) {
            this.tls = tls;
            return this;
        }

        public Builder maxJsonDepth(int depth) {
            this.maxJsonDepth = depth;
            return this;
        }

        public Builder maxBatch(int calls) {
            this.maxBatch = calls;
            return this;
        }

        public Builder maxSessionsPerToken(int sessions) {
            this.maxSessionsPerToken = sessions;
            return this;
        }

        /** How OAuth access tokens are accepted; null for none. */
        public Builder oauth(GatewayOAuth oauth) {
            this.oauth = oauth;
            return this;
        }

        /** The OAuth settings so far, for the loader's checks across settings. */
        GatewayOAuth oauth() {
            return oauth;
        }

        /** The host so far, for the loader's checks across settings. */
        String host() {
            return host;
        }

        public GatewaySettings build() {
            return new GatewaySettings(host, port, allowedOrigins, names, pageSize, replayEvents, maxSessions,
                    sessionIdleTimeout, maxRequestBytes, listUnavailableTools, serverName, serverVersion, tokens,
                    rateLimit, insecure, tls, maxJsonDepth, maxBatch, maxSessionsPerToken, oauth);
        }
    }
}
