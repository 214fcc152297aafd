package dev.switchboard.internal.resources;

import dev.switchboard.MatchKind;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Whether a resource is the entity looked for: its name, title, URI or the last segment of its URI (with or without
 * an extension) equals the entity exactly, equals it ignoring case, or is similar by Jaro-Winkler from a threshold.
 */
final class EntityMatcher {
    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

    /** How one resource matched, with 1.0 for exact and case-insensitive matches. */
    record Match(MatchKind kind, double score) {
    }

    private final String entity;
    private final String lowered;
    private final double threshold;

    EntityMatcher(String entity, double threshold) {
        this.entity = entity.trim();
        this.lowered = this.entity.toLowerCase(Locale.ROOT);
        this.threshold = threshold;
    }

    Optional<Match> match(McpSchema.Resource r) {
        List<String> keys = keys(r);
        if (keys.contains(entity)) {
            return Optional.of(new Match(MatchKind.EXACT, 1.0));
        }
        if (keys.stream().anyMatch(k -> k.equalsIgnoreCase(entity))) {
            return Optional.of(new Match(MatchKind.CASE_INSENSITIVE, 1.0));
        }
        double best = keys.stream().mapToDouble(k -> SIMILARITY.apply(lowered, k.toLowerCase(Locale.ROOT)))
                .max().orElse(0);
        return best >= threshold ? Optional.of(new Match(MatchKind.FUZZY, best)) : Optional.empty();
    }

    static List<String> keys(McpSchema.Resource r) {
        List<String> keys = new ArrayList<>(5);
        addIfPresent(keys, r.name());
        addIfPresent(keys, r.title());
        addIfPresent(keys, r.uri());
        String last = lastSegment(r.uri());
        addIfPresent(keys, last);
        int dot = last == null ? -1 : last.lastIndexOf('.');
        if (dot > 0) {
            keys.add(last.substring(0, dot));
        }
        return keys;
    }

    private static void addIfPresent(List<String> keys, String key) {
        if (key != null && !key.isBlank()) {
            keys.add(key.trim());
        }
    }

    private static String lastSegment(String uri) {
        if (uri == null) {
            return null;
        }
        String path = uri.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf(':'));
        String segment = path.substring(cut + 1);
        try {
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
