package dev.switchboard.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads who may use the gateway and how ({@code tokens}, {@code oauth}, {@code rate_limit}, {@code insecure},
 * {@code tls}) and the bounds on what one request or token may make it hold ({@code max_json_depth},
 * {@code max_batch}, {@code max_sessions_per_token}), into a {@link GatewaySettings.Builder}.
 */
final class GatewayAccessReader {
    static final List<String> TOKEN_KEYS = List.of("name", "hash", "servers", "tools", "control", "rate_limit");
    private static final String TOKENS_EXPECTED = "a list of {name, hash, servers, tools, control, rate_limit},"
            + " e.g. [{name: ci-bot, hash: \"pbkdf2-sha256$...\"}]";
    static final String RATE_EXPECTED = "a map with calls and per, e.g. {calls: 60, per: 1m}";
    private static final String TLS_EXPECTED = "a map with cert and key (PEM files), or pkcs12 (one file), and"
            + " password";

    private GatewayAccessReader() {
    }

    static void read(Section g, GatewaySettings.Builder b) {
        OptionsReader.set(tokens(g), b::tokens);
        OptionsReader.set(g.has("rate_limit") ? rateLimit(g.section("rate_limit", RATE_EXPECTED)) : null,
                b::rateLimit);
        OptionsReader.set(g.has("oauth") ? GatewayOAuthReader.read(g.section("oauth", GatewayOAuthReader.EXPECTED))
                : null, b::oauth);
        OptionsReader.set(g.bool("insecure"), b::insecure);
        OptionsReader.set(g.has("tls") ? tls(g.section("tls", TLS_EXPECTED)) : null, b::tls);
        OptionsReader.set(g.integer("max_json_depth", 8, 1000, "a whole number of levels from 8 to 1000"),
                b::maxJsonDepth);
        OptionsReader.set(g.integer("max_batch", 1, 100_000, "a whole number of calls from 1 to 100000"),
                b::maxBatch);
        OptionsReader.set(g.integer("max_sessions_per_token", 1, Integer.MAX_VALUE, "a whole number of sessions, 1"
                + " or more"), b::maxSessionsPerToken);
    }

    /** The tokens; null (after reporting) when any is invalid, so that no token is silently missing. */
    private static List<GatewayToken> tokens(Section g) {
        if (!g.has("tokens")) {
            return null;
        }
        if (!(g.raw("tokens") instanceof List<?> items)) {
            g.error("tokens", "is " + Tree.describe(g.raw("tokens")) + " (expected: " + TOKENS_EXPECTED + ")");
            return null;
        }
        List<GatewayToken> tokens = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> selectors = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Section t = Section.of(items.get(i), Tree.index(g.path("tokens"), i), g.problems(), "a map with "
                    + String.join(", ", TOKEN_KEYS));
            GatewayToken token = items.get(i) instanceof Map<?, ?> ? token(t) : null;
            if (token != null && !names.add(token.name())) {
                t.error("name", Section.shown(token.name()) + " is the name of another token (expected: unique"
                        + " names, which logs and metrics show)");
            } else if (token != null && !selectors.add(token.hash().selector())) {
                t.error("hash", "is the hash of another token (expected: a token of its own for each, from"
                        + " switchboard token create)");
            } else if (token != null) {
                tokens.add(token);
            }
        }
        return tokens.size() == items.size() ? tokens : null;
    }

    private static GatewayToken token(Section t) {
        int before = t.problems().errorCount();
        t.rejectUnknown(TOKEN_KEYS);
        String name = t.string("name");
        if (name == null) {
            t.error("name", "is missing (expected: " + GatewayToken.NAME_EXPECTED + ")");
        } else if (!GatewayToken.validName(name)) {
            t.error("name", Section.shown(name) + " is not a token name (expected: " + GatewayToken.NAME_EXPECTED
                    + ")");
        }
        TokenHash hash = hash(t);
        Grant grant = grant(t);
        if (t.problems().errorCount() > before || hash == null) {
            return null;
        }
        return GatewayToken.builder(name, hash).servers(grant.servers()).tools(grant.tools()).control(grant.control())
                .rateLimit(grant.rateLimit()).build();
    }

    /** What a static token or an OAuth rule lets its holder use. */
    record Grant(List<String> servers, List<String> tools, boolean control, RateLimit rateLimit) {
    }

    /**
     * Reads {@code servers}, {@code tools}, {@code control} and {@code rate_limit}, the keys a static token and an
     * OAuth rule share, reporting what is wrong; absent lists are empty (no limit).
     */
    static Grant grant(Section s) {
        List<String> servers = s.strings("servers", "[github, docs]");
        List<String> tools = s.strings("tools", "[search, github__get_*]");
        for (int i = 0; tools != null && i < tools.size(); i++) {
            if (tools.get(i).isBlank()) {
                s.problems().error(Tree.index(s.path("tools"), i), "is blank (expected: a tool name or a glob with *"
                        + " and ?, e.g. github__get_*)");
            }
        }
        Boolean control = s.bool("control");
        RateLimit limit = s.has("rate_limit") ? rateLimit(s.section("rate_limit", RATE_EXPECTED)) : null;
        return new Grant(OptionsReader.or(servers, List.of()), OptionsReader.or(tools, List.of()),
                Boolean.TRUE.equals(control), limit);
    }

    private static TokenHash hash(Section t) {
        String text = t.string("hash");
        if (text == null) {
            t.error("hash", "is missing (expected: the hash that switchboard token create printed, never the token"
                    + " itself)");
            return null;
        }
        if (TokenHash.selectorOf(text.trim()) != null) {
            // Not quoted: it is the token itself, which must not be in the file (nor in this message).
            t.error("hash", "is a token, not its hash (expected: the hash line of switchboard token create; keep the"
                    + " token out of the configuration, and since this one is now written down, make a new one)");
            return null;
        }
        try {
            TokenHash hash = TokenHash.parse(text);
            if (hash.iterations() < TokenHash.ITERATIONS) {
                t.warn("hash", "has " + hash.iterations() + " iterations, fewer than the " + TokenHash.ITERATIONS
                        + " of switchboard token create (expected: a hash made by it)");
            }
            return hash;
        } catch (IllegalArgumentException e) {
            t.error("hash", e.getMessage());
            return null;
        }
    }

    /** A rate limit; null (after reporting) when it is incomplete or invalid. */
    static RateLimit rateLimit(Section r) {
        r.rejectUnknown(List.of("calls", "per"));
        Integer calls = r.integer("calls", 1, Integer.MAX_VALUE, "a whole number of tool calls, 1 or more");
        Duration per = OptionsReader.positive(r, "per");
        if (!r.has("calls")) {
            r.error("calls", "is missing (expected: " + RATE_EXPECTED + ")");
        }
        if (!r.has("per")) {
            r.error("per", "is missing (expected: " + RATE_EXPECTED + ")");
        } else if (per != null && per.toMillis() < 1) {
            r.error("per", Section.shown(r.raw("per")) + " is shorter than 1ms (expected: e.g. 1s or 1m)");
            per = null;
        }
        return calls == null || per == null ? null : RateLimit.of(calls, per);
    }

    private static GatewayTls tls(Section s) {
        s.rejectUnknown(List.of("cert", "key", "pkcs12", "password"));
        Path cert = file(s, "cert");
        Path key = file(s, "key");
        Path pkcs12 = file(s, "pkcs12");
        String password = s.string("password");
        boolean pem = s.has("cert") || s.has("key");
        if (pem && s.has("pkcs12")) {
            s.error("pkcs12", "is given with cert/key (expected: either cert and key, PEM files, or pkcs12, one"
                    + " file)");
            return null;
        }
        if (!pem && !s.has("pkcs12")) {
            s.error("", "names no certificate (expected: " + TLS_EXPECTED + ")");
            return null;
        }
        if (pem && !(s.has("cert") && s.has("key"))) {
            String missing = s.has("cert") ? "key" : "cert";
            s.error(missing, "is missing (expected: both cert, the PEM certificate chain, and key, its PEM private"
                    + " key)");
            return null;
        }
        if (pem) {
            return cert == null || key == null ? null : GatewayTls.pem(cert, key, password);
        }
        if (password == null) {
            s.error("password", "is missing (expected: the PKCS#12 file's password, e.g. ${TLS_PASSWORD})");
            return null;
        }
        return pkcs12 == null ? null : GatewayTls.pkcs12(pkcs12, password);
    }

    /** A file that exists and can be read now; null (after reporting) when it cannot. */
    private static Path file(Section s, String key) {
        String text = s.string(key);
        if (text == null) {
            return null;
        }
        try {
            Path path = Path.of(text.trim());
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                s.error(key, Section.shown(text) + " is not a readable file (expected: the path of a "
                        + (key.equals("pkcs12") ? "PKCS#12 file" : "PEM file") + ", absolute or relative to the"
                        + " working directory)");
                return null;
            }
            return path;
        } catch (InvalidPathException e) {
            s.error(key, "is not a valid path: " + e.getReason());
            return null;
        }
    }
}
