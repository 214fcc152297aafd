package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code gateway:} (where {@code switchboard serve} listens, whom it lets in, how it names what it offers, and
 * its bounds) and a server's {@code session:} (whether the gateway's clients share its session).
 */
final class GatewayReader {
    static final List<String> KEYS = List.of("listen", "allowed_origins", "names", "page_size", "replay_events",
            "max_sessions", "session_idle_timeout", "max_request_bytes", "list_unavailable_tools", "server_info",
            "tokens", "oauth", "rate_limit", "insecure", "tls", "max_json_depth", "max_batch",
            "max_sessions_per_token");
    static final String EXPECTED = "a map with " + String.join(", ", KEYS);
    static final List<String> SESSION_KEYS = List.of("mode", "max_sessions", "idle_timeout");
    private static final List<String> SESSION_MODES = List.of("shared", "per_client");
    private static final List<String> NAMES = List.of("qualified", "bare_when_unique");
    private static final String LISTEN_EXPECTED = "HOST:PORT on this machine, e.g. 127.0.0.1:7700, [::1]:7700,"
            + " :7700 or 7700; port 0 = any free port";
    private static final String PORT_EXPECTED = "a port from 0 to 65535; 0 = any free port";
    /** {@code [v6]:port}, {@code host:port}, {@code :port} or {@code port}; the port is checked on its own. */
    private static final Pattern BRACKETED = Pattern.compile("(\\[[^\\]]*])(?::(.*))?");

    private GatewayReader() {
    }

    static GatewaySettings read(Section g) {
        int before = g.problems().errorCount();
        g.rejectUnknown(KEYS);
        GatewaySettings.Builder b = GatewaySettings.builder();
        listen(g, b);
        OptionsReader.set(origins(g), b::allowedOrigins);
        OptionsReader.set(names(g), b::names);
        int most = Integer.MAX_VALUE;
        OptionsReader.set(g.integer("page_size", 1, most, "a whole number of items per page, 1 or more"),
                b::pageSize);
        OptionsReader.set(g.integer("replay_events", 16, most, "a whole number of events, 16 or more"),
                b::replayEvents);
        OptionsReader.set(g.integer("max_sessions", 1, most, "a whole number of sessions, 1 or more"),
                b::maxSessions);
        OptionsReader.set(OptionsReader.positive(g, "session_idle_timeout"), b::sessionIdleTimeout);
        OptionsReader.set(g.integer("max_request_bytes", 1024, most, "a whole number of bytes from 1024 to " + most
                + ", e.g. 4194304 for 4 MiB"), b::maxRequestBytes);
        OptionsReader.set(g.bool("list_unavailable_tools"), b::listUnavailableTools);
        serverInfo(g.section("server_info", "a map with name and version"), b);
        GatewayAccessReader.read(g, b);
        if (b.oauth() != null && b.oauth().resource() == null && !GatewayRules.isLoopback(b.host())) {
            g.error("oauth.resource", GatewayRules.RESOURCE_NEEDED);
            b.oauth(null);
        }
        try {
            GatewaySettings settings = b.build();
            if (settings.unsafeListen() != null && !g.has("tokens") && !g.has("oauth")) { // reported already
                g.error("listen", settings.unsafeListen());
            }
            return settings;
        } catch (IllegalArgumentException e) {
            // The record checks its invariants too; anything it catches that we did not is still one problem.
            if (g.problems().errorCount() == before) {
                g.error("", e.getMessage());
            }
            return GatewaySettings.DEFAULT;
        }
    }

    /** {@code listen:}, into the builder's host and port when they are valid; each problem reported. */
    private static void listen(Section g, GatewaySettings.Builder b) {
        Object raw = g.raw("listen");
        if (raw instanceof Long || raw instanceof BigInteger) {
            port(g, raw.toString()).ifPresent(b::port);
        } else if (raw != null && !(raw instanceof String)) {
            g.error("listen", (Tree.isScalar(raw) ? Section.shown(raw) + " is not an address" : "is "
                    + Tree.describe(raw)) + " (expected: " + LISTEN_EXPECTED + ")");
        } else if (raw != null) {
            Address address = address(g, ((String) raw).trim());
            if (address == null) {
                return;
            }
            Optional<Integer> port = port(g, address.port());
            port.ifPresent(n -> b.port(n).host(address.host().isEmpty() ? GatewaySettings.DEFAULT.host()
                    : GatewayRules.unbracketed(address.host())));
        }
    }

    /** A host (empty for the default one) and a port, both as written. */
    private record Address(String host, String port) {
    }

    /** The address split into host and port, or null after reporting why it cannot be. */
    private static Address address(Section g, String text) {
        Matcher bracketed = BRACKETED.matcher(text);
        int colon = text.indexOf(':');
        if (text.isEmpty()) {
            g.error("listen", "is blank (expected: " + LISTEN_EXPECTED + ")");
        } else if (text.matches("[-+]?\\d+")) {
            return new Address("", text);
        } else if (bracketed.matches() && bracketed.group(2) != null) {
            return new Address(bracketed.group(1), bracketed.group(2));
        } else if (!bracketed.matches() && colon != text.lastIndexOf(':')) {
            g.error("listen", Section.shown(text) + " has an IPv6 address without brackets (expected: the address"
                    + " in brackets, e.g. [::1]:7700)");
        } else if (colon < 0 || bracketed.matches()) {
            g.error("listen", Section.shown(text) + " has no port (expected: " + LISTEN_EXPECTED + ")");
        } else {
            return new Address(text.substring(0, colon), text.substring(colon + 1));
        }
        return null;
    }

    private static Optional<Integer> port(Section g, String text) {
        String t = text.trim();
        if (!t.matches("[-+]?\\d{1,30}")) {
            g.error("listen", "port " + Section.shown(t) + " is not a whole number (expected: " + PORT_EXPECTED + ")");
            return Optional.empty();
        }
        BigInteger n = new BigInteger(t.replace("+", ""));
        if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(65535)) > 0) {
            g.error("listen", "port " + n + " is out of range (expected: " + PORT_EXPECTED + ")");
            return Optional.empty();
        }
        return Optional.of(n.intValue());
    }

    /** The origins as browsers send them; {@code *} allowed with a warning. Null after a problem. */
    private static List<String> origins(Section g) {
        List<String> listed = g.strings("allowed_origins", "[" + GatewayRules.ORIGIN_EXAMPLE + "]");
        if (listed == null) {
            return null;
        }
        Set<String> origins = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < listed.size(); i++) {
            String path = Tree.index(g.path("allowed_origins"), i);
            if (listed.get(i).trim().equals("*")) {
                g.problems().warn(path, "\"*\" lets any web page open in a browser on this machine use the gateway,"
                        + " and through it every server (expected: the origins of the pages that need it, e.g. "
                        + GatewayRules.ORIGIN_EXAMPLE + ")");
                origins.add("*");
                continue;
            }
            GatewayRules.Origin origin = GatewayRules.origin(listed.get(i));
            if (origin.problem() != null) {
                g.problems().error(path, origin.problem());
                ok = false;
            } else {
                origins.add(origin.normal());
            }
        }
        return ok ? new ArrayList<>(origins) : null;
    }

    private static GatewaySettings.Names names(Section g) {
        String text = g.string("names");
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "qualified" -> GatewaySettings.Names.QUALIFIED;
            case "bare_when_unique" -> GatewaySettings.Names.BARE_WHEN_UNIQUE;
            default -> {
                g.error("names", Section.shown(g.raw("names")) + " is not a naming mode (" + hint(text, NAMES)
                        + "expected: qualified or bare_when_unique)");
                yield null;
            }
        };
    }

    private static void serverInfo(Section s, GatewaySettings.Builder b) {
        s.rejectUnknown(List.of("name", "version"));
        String name = s.string("name");
        if (name != null && name.isBlank()) {
            s.error("name", "is blank (expected: the name clients see, e.g. switchboard)");
        } else {
            OptionsReader.set(name, b::serverName);
        }
        String version = s.string("version");
        if (version != null && version.isBlank()) {
            s.error("version", "is blank (expected: a version such as \"1.2.3\", or no version for Switchboard's"
                    + " own)");
        } else {
            OptionsReader.set(version, b::serverVersion);
        }
    }

    /**
     * A server's (or {@code defaults:}') {@code session:}, either a mode ({@code session: per_client}) or a possibly
     * partial map; null (after reporting) when it is invalid.
     */
    static SessionPolicy session(Section s, SessionPolicy base) {
        if (Tree.isScalar(s.raw("session"))) {
            SessionPolicy.Mode mode = mode(s, "session");
            return mode == null ? null : base.toBuilder().mode(mode).build();
        }
        Section p = s.section("session", "shared or per_client, or a map with " + String.join(", ", SESSION_KEYS));
        p.rejectUnknown(SESSION_KEYS);
        SessionPolicy.Mode mode = mode(p, "mode");
        Integer max = p.integer("max_sessions", 1, 1_000_000, "a whole number of sessions from 1 to 1000000");
        Duration idle = OptionsReader.positive(p, "idle_timeout");
        if (p.has("mode") && mode == null || p.has("max_sessions") && max == null
                || p.has("idle_timeout") && idle == null || !(s.raw("session") instanceof Map<?, ?>)) {
            return null;
        }
        SessionPolicy.Builder b = base.toBuilder();
        OptionsReader.set(mode, b::mode);
        OptionsReader.set(max, b::maxSessions);
        OptionsReader.set(idle, b::idleTimeout);
        return b.build();
    }

    /**
     * A server's own {@code session.max_sessions} or {@code session.idle_timeout} while its session is shared: they
     * would do nothing. In {@code defaults:} they are fine, as defaults for the servers that are {@code per_client}.
     */
    static void checkSharedSession(Section server, SessionPolicy session) {
        if (!(server.raw("session") instanceof Map<?, ?> own)) {
            return;
        }
        SessionPolicy.Mode mode = own.get("mode") == null ? session.mode()
                : parseMode(String.valueOf(own.get("mode"))).orElse(null); // an invalid mode is reported already
        for (String key : List.of("max_sessions", "idle_timeout")) {
            if (mode == SessionPolicy.Mode.SHARED && own.get(key) != null) {
                server.error("session." + key, "only applies to per_client sessions, and this server's session is"
                        + " shared (expected: mode: per_client, or no " + key + ")");
            }
        }
    }

    private static SessionPolicy.Mode mode(Section s, String key) {
        String text = s.string(key);
        if (text == null) {
            return null;
        }
        return parseMode(text).orElseGet(() -> {
            s.error(key, Section.shown(s.raw(key)) + " is not a session mode (" + hint(text, SESSION_MODES)
                    + "expected: shared or per_client)");
            return null;
        });
    }

    private static Optional<SessionPolicy.Mode> parseMode(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "shared" -> Optional.of(SessionPolicy.Mode.SHARED);
            case "per_client" -> Optional.of(SessionPolicy.Mode.PER_CLIENT);
            default -> Optional.empty();
        };
    }

    private static String hint(String text, List<String> known) {
        String hint = Suggestions.hint(text.trim(), known);
        return hint.isEmpty() ? "" : hint + " ";
    }
}
