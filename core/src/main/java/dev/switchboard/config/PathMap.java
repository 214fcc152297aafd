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

    /** Looks up each prefix of the path rather than scanning every mapping: thousands of servers mean thousands. */
    String toSource(String path) {
        for (int end = path.length(); end > 0; end = path.lastIndexOf('.', end - 1)) {
            if (pinned.contains(path.substring(0, end))) {
                return path;
            }
        }
        for (int end = path.length(); end > 0; end = path.lastIndexOf('.', end - 1)) {
            String source = canonicalToSource.get(path.substring(0, end));
            if (source != null) {
                return source + path.substring(end);
            }
        }
        return path;
    }
}
