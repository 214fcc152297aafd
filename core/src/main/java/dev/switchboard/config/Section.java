package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, problem-reporting access to one map of the tree: each accessor returns the value, or null when the key is
 * absent or its value is unusable (after reporting why, at the key's path).
 *
 * <p>Scalars are read leniently (a string field takes {@code 8080}; a number field takes {@code "10"}, which is what
 * {@code ${VAR}} produces), but a scalar never stands in for a list or a map.
 */
final class Section {
    private final Map<String, Object> map;
    private final String path;
    private final Problems problems;

    private Section(Map<String, Object> map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The map at {@code path}; an empty section (after a problem) when the value is not a map. */
    static Section of(Object value, String path, Problems problems, String expected) {
        if (value instanceof Map<?, ?> m) {
            return new Section(Tree.asMap(m), path, problems);
        }
        if (value != null) {
            problems.error(path, "is " + Tree.describe(value) + " (expected: " + expected + ")");
        }
        return new Section(Map.of(), path, problems);
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    String path(String key) {
        return Tree.child(path, key);
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Collection<String> keys() {
        return map.keySet();
    }

    Object raw(String key) {
        return map.get(key);
    }

    Section section(String key, String expected) {
        return of(map.get(key), path(key), problems, expected);
    }

    void error(String key, String message) {
        problems.error(path(key), message);
    }

    void warn(String key, String message) {
        problems.warn(path(key), message);
    }

    /** Reports every key not in {@code allowed}, with the closest allowed key as a suggestion. */
    void rejectUnknown(Collection<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                String hint = Suggestions.hint(key, allowed);
                error(key, "unknown key (" + (hint.isEmpty() ? "expected one of: " + String.join(", ", allowed)
                        : hint) + ")");
            }
        }
    }

    String string(String key) {
        Object v = map.get(key);
        if (v == null || Tree.isScalar(v)) {
            return v == null ? null : v.toString();
        }
        error(key, "is " + Tree.describe(v) + " (expected: a string)");
        return null;
    }

    Boolean bool(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = v instanceof String str ? str.trim().toLowerCase(Locale.ROOT) : "";
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        error(key, shown(v) + " is not a boolean (expected: true or false)");
        return null;
    }

    /** A whole number within [min, max]; {@code expected} says what the number is for. */
    Integer integer(String key, long min, long max, String expected) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        Optional<BigInteger> n = wholeNumber(v);
        if (n.isEmpty()) {
            error(key, shown(v) + " is not a whole number (expected: " + expected + ")");
            return null;
        }
        if (n.get().compareTo(BigInteger.valueOf(min)) < 0 || n.get().compareTo(BigInteger.valueOf(max)) > 0) {
            error(key, n.get() + " is out of range (expected: " + expected + ")");
            return null;
        }
        return n.get().intValue();
    }

    Double decimal(String key, String expected) {
        Object v = map.get(key);
        Double d = v instanceof Long || v instanceof Double ? (Double) ((Number) v).doubleValue() : null;
        if (v instanceof String s && s.length() <= Limits.SCALAR_CHARS && s.trim().matches("[-+]?\\d+(\\.\\d+)?")) {
            d = Double.parseDouble(s.trim());
        }
        if (v == null || d != null && Double.isFinite(d)) {
            return d;
        }
        // 1e400 reads as Infinity, which every range check passes ("Infinity >= 1.0").
        error(key, shown(v) + (d == null ? " is not a number" : " is not a finite number") + " (expected: " + expected
                + ")");
        return null;
    }

    /** A duration with a unit ({@code 30s}); the caller decides whether zero is allowed. */
    Duration duration(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s && s.length() > Limits.SCALAR_CHARS) {
            error(key, "is longer than " + Limits.SCALAR_CHARS + " characters (" + Durations.EXPECTED + ")");
            return null;
        }
        if (v instanceof String s) {
            Optional<Duration> d = Durations.parse(s);
            if (d.isPresent()) {
                return d.get();
            }
        }
        boolean bare = Tree.isScalar(v) && !(v instanceof Boolean) && Durations.isBareNumber(v.toString());
        error(key, shown(v) + (bare ? " has no unit (" : " is not a duration (") + Durations.EXPECTED + ")");
        return null;
    }

    /** A list of strings; {@code example} shows the expected shape, as in {@code [-y, pkg]}. */
    List<String> strings(String key, String example) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            error(key, "is " + Tree.describe(v) + " (expected: a list, e.g. " + example + ")");
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (Tree.isScalar(item)) {
                out.add(item.toString());
            } else {
                problems.error(Tree.index(path(key), out.size()), "is " + Tree.describe(item)
                        + " (expected: a string)");
            }
        }
        return out.size() == list.size() ? out : null;
    }

    /** A map of strings (environment, headers); values are secrets, so messages never quote them. */
    Map<String, String> stringMap(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            error(key, "is " + Tree.describe(v) + " (expected: a map of names to strings)");
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, value) -> {
            if (Tree.isScalar(value)) {
                out.put((String) k, value.toString());
            } else {
                problems.error(Tree.child(path(key), (String) k), "is " + Tree.describe(value)
                        + " (expected: a string)");
            }
        });
        return out.size() == m.size() ? out : null;
    }

    /** A scalar as it may appear in a message: strings quoted, at most 60 characters. */
    static String shown(Object v) {
        if (!Tree.isScalar(v)) {
            return Tree.describe(v);
        }
        String s = v.toString();
        s = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        return v instanceof String ? "\"" + s + "\"" : s;
    }

    private static Optional<BigInteger> wholeNumber(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            return Optional.of(new BigInteger(v.toString()));
        }
        if (v instanceof String s && s.trim().matches("[-+]?\\d{1,30}")) {
            return Optional.of(new BigInteger(s.trim().replace("+", "")));
        }
        return Optional.empty();
    }
}
