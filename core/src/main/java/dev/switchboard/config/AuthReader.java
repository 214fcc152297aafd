package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code auth} of an HTTP server: {@code auth: oauth}, or a map with {@code type: oauth |
 * client_credentials} and the client's settings. Secret values are never quoted in a message.
 */
final class AuthReader {
    private static final List<String> KEYS = List.of("type", "client_id", "client_secret", "scopes",
            "client_metadata_url", "private_key", "private_key_file", "signing_algorithm");
    private static final List<String> TYPES = Arrays.stream(HttpAuth.Type.values()).map(HttpAuth.Type::text)
            .toList();
    private static final String EXPECTED = "expected: oauth or client_credentials";

    private AuthReader() {
    }

    /** The settings, or null when there is no {@code auth} or it has errors (reported). */
    static HttpAuth read(Section server) {
        Object raw = server.raw("auth");
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?>)) {
            String text = server.string("auth");
            return text == null ? null : type(server, "auth", text).map(HttpAuth::builder)
                    .map(b -> checked(server, b)).orElse(null);
        }
        Section s = server.section("auth", "oauth, or a map with type: oauth or client_credentials");
        s.rejectUnknown(KEYS);
        String typeText = s.string("type");
        if (typeText == null) {
            s.error("type", "missing (" + EXPECTED + ")");
            return null;
        }
        Optional<HttpAuth.Type> type = type(s, "type", typeText);
        if (type.isEmpty()) {
            return null;
        }
        HttpAuth.Builder b = HttpAuth.builder(type.get()).clientId(s.string("client_id"))
                .clientSecret(s.string("client_secret"))
                .scopes(OptionsReader.or(s.strings("scopes", "[mcp:read, mcp:write]"), List.of()))
                .clientMetadataUrl(url(s)).privateKey(privateKey(s))
                .signingAlgorithm(s.string("signing_algorithm"));
        if (type.get() == HttpAuth.Type.OAUTH && s.has("private_key")) {
            s.error("private_key", "is for client_credentials (expected: client_secret for an oauth client)");
        }
        return checked(s, b);
    }

    private static HttpAuth checked(Section s, HttpAuth.Builder b) {
        if (s.problems().hasErrors()) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            s.error("", e.getMessage().replaceFirst("^auth[.:]\\s*", ""));
            return null;
        }
    }

    private static Optional<HttpAuth.Type> type(Section s, String key, String text) {
        for (HttpAuth.Type t : HttpAuth.Type.values()) {
            if (t.text().equalsIgnoreCase(text.trim().replace('-', '_'))) {
                return Optional.of(t);
            }
        }
        String hint = Suggestions.hint(text, TYPES);
        s.error(key, Section.shown(text) + " is not an auth type (" + (hint.isEmpty() ? "" : hint + " ") + EXPECTED
                + ")");
        return Optional.empty();
    }

    private static URI url(Section s) {
        String text = s.string("client_metadata_url");
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text.trim());
            if ("https".equalsIgnoreCase(url.getScheme()) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, as any URL that is not https
        }
        s.error("client_metadata_url", Section.shown(text) + " is not an https URL (expected: the https URL of"
                + " a Client ID Metadata Document)");
        return null;
    }

    /** The PEM itself ({@code private_key}, usually {@code ${VAR}}) or read from {@code private_key_file}. */
    private static String privateKey(Section s) {
        if (s.has("private_key") && s.has("private_key_file")) {
            s.error("private_key_file", "is given with private_key (expected: one of them)");
            return null;
        }
        if (s.has("private_key")) {
            String pem = s.string("private_key");
            if (pem != null && !pem.contains("-----BEGIN")) {
                s.error("private_key", "is not a PEM key (expected: a PKCS#8 PEM, usually from ${VAR})");
                return null;
            }
            return pem;
        }
        String file = s.string("private_key_file");
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | InvalidPathException e) {
            s.error("private_key_file", "cannot be read: " + e.getClass().getSimpleName() + " (expected: a"
                    + " readable PKCS#8 PEM file)");
            return null;
        }
    }
}
