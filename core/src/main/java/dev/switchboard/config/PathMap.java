package dev.switchboard.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Translates key paths of the normalised tree back to where the user wrote them.
 *
 * <p>Other formats are rewritten into Switchboard's own shape before validation ({@code mcpServers} becomes
 * {@code servers}, an SSE server's {@code env} becomes {@code headers}, ...). A problem must still point at the key
 * the user can find in their file, so every rewrite records its prefix here. Paths set by an override are pinned:
 * the user typed them in the normalised spelling, so they are reported as typed.
 */
final class PathMap {
    private final Map<String, String> canonicalToSource = new LinkedHashMap<>();
    private final Set<String> pinned = new HashSet<>();

    void map(String canonical, String source) {
        if (!canonical.equals(source)) {
            canonicalToSource.put(canonical, source);
        }
    }

    void pin(String canonical) {
        pinned.add(canonical);
    }

    String toSource(String path) {
        for (String p : pinned) {
            if (covers(p, path)) {
                return path;
            }
        }
        String best = null;
        for (String prefix : canonicalToSource.keySet()) {
            if (covers(prefix, path) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? path : canonicalToSource.get(best) + path.substring(best.length());
    }

    private static boolean covers(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + ".");
    }
}
