package dev.switchboard.internal.auth;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server's {@code WWW-Authenticate: Bearer ...} challenge asks for (RFC 6750, RFC 9728): where its Protected
 * Resource Metadata is, which scopes it wants, and why it refused ({@code insufficient_scope} asks for a step-up).
 *
 * @param resourceMetadata the {@code resource_metadata} URL, or null
 * @param scopes the {@code scope} parameter split on spaces; empty when absent
 * @param error the {@code error} code, or null
 */
record Challenge(URI resourceMetadata, List<String> scopes, String error) {
    static final Challenge NONE = new Challenge(null, List.of(), null);
    /** {@code name=value} or {@code name="quoted value"}, the second with backslash escapes. */
    private static final Pattern PARAM = Pattern.compile(
            "([A-Za-z0-9_.-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))");

    /** The challenge of a header value; {@link #NONE} when there is no header. */
    static Challenge parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
            params.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
        }
        String scope = params.get("scope");
        return new Challenge(uri(params.get("resource_metadata")),
                scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+")),
                params.get("error"));
    }

    boolean insufficientScope() {
        return "insufficient_scope".equals(error);
    }

    private static URI uri(String text) {
        try {
            URI u = text == null ? null : URI.create(text.trim());
            return u != null && u.isAbsolute() && u.getScheme().toLowerCase(Locale.ROOT).startsWith("http") ? u : null;
        } catch (IllegalArgumentException e) {
            return null; // an unusable hint: discovery falls back to the well-known URIs
        }
    }
}
