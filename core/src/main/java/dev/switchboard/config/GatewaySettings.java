package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@code switchboard serve} offers every server on one MCP endpoint: where it listens, which browser origins it
 * accepts, how it names what it offers, and the bounds on what clients can make it hold. The library itself ignores
 * these settings.
 *
 * @param host the address to listen on: a loopback address (127.0.0.0/8, {@code ::1} or {@code localhost}), since
 *     anything else needs access control, which is not available yet
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
 */
public record GatewaySettings(String host, int port, List<String> allowedOrigins, Names names, int pageSize,
        int replayEvents, int maxSessions, Duration sessionIdleTimeout, int maxRequestBytes,
        boolean listUnavailableTools, String serverName, String serverVersion) {

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
     * 30 minutes, bodies up to 4 MiB, tools of servers that are down withheld, named {@code switchboard}.
     */
    public static final GatewaySettings DEFAULT = new GatewaySettings("127.0.0.1", DEFAULT_PORT, List.of(),
            Names.QUALIFIED, 100, 256, 1000, Duration.ofMinutes(30), 4 * 1024 * 1024, false, "switchboard", null);

    public GatewaySettings {
        Objects.requireNonNull(host, "host");
        Check.argument(!host.isBlank(), "gateway.listen: the host is blank (expected: e.g. 127.0.0.1)");
        host = GatewayRules.unbracketed(host.trim());
        Check.argument(GatewayRules.isLoopback(host), "gateway.listen: %s", GatewayRules.notLoopback(host));
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

        public GatewaySettings build() {
            return new GatewaySettings(host, port, allowedOrigins, names, pageSize, replayEvents, maxSessions,
                    sessionIdleTimeout, maxRequestBytes, listUnavailableTools, serverName, serverVersion);
        }
    }
}
