package dev.switchboard.agent;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the entities a question names, deliberately simply: an entity is the name or title of a resource some
 * server lists, and the question names it when it contains that name as whole words, ignoring case. No language
 * model, no stemming: "customer" does not name "customers". What it finds is in the question's order, at most
 * {@code max}.
 */
final class EntityFinder {
    // A name of one character ("a", "x") would match almost any question.
    private static final int MIN_LENGTH = 2;

    private record Found(String name, int at) {
    }

    private EntityFinder() {
    }

    /** The names of {@code resources} that {@code question} contains as whole words, first named first. */
    static List<String> find(String question, Map<String, List<McpSchema.Resource>> resources, int max) {
        Map<String, Found> byKey = new LinkedHashMap<>();
        for (List<McpSchema.Resource> listed : resources.values()) {
            for (McpSchema.Resource r : listed) {
                consider(question, r.name(), byKey);
                consider(question, r.title(), byKey);
            }
        }
        List<Found> found = new ArrayList<>(byKey.values());
        // First named first; at the same place the longer name first ("customer orders" before "customer").
        found.sort(Comparator.comparingInt(Found::at).thenComparing(f -> -f.name().length()));
        return found.stream().limit(max).map(Found::name).toList();
    }

    private static void consider(String question, String name, Map<String, Found> byKey) {
        if (name == null || name.strip().length() < MIN_LENGTH) {
            return;
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (byKey.containsKey(key)) {
            return;
        }
        // Whole words: no letter, digit or underscore right before or after the name.
        Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(name.strip()) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        Matcher m = p.matcher(question);
        if (m.find()) {
            byKey.put(key, new Found(name.strip(), m.start()));
        }
    }
}
