package dev.switchboard.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for the untyped tree a file is read into: {@code Map<String, Object>} (in file order), {@code List<Object>},
 * {@code String}, {@code Boolean}, {@code Long}/{@code BigInteger}/{@code Double} and {@code null}.
 *
 * <p>A plain tree (rather than Jackson's {@code JsonNode}) keeps every format, override and interpolation step a
 * simple map edit, and keeps Jackson out of everything but the reader.
 */
final class Tree {
    private Tree() {
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** What a value is, for messages such as "is a list (expected: a string)". Never the value itself. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "empty";
            case Map<?, ?> m -> "a map";
            case List<?> l -> "a list";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** A deep, mutable copy, so that editing one use of a YAML alias does not edit the others. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    static int size(Object value) {
        if (value instanceof Map<?, ?> m) {
            return 1 + m.values().stream().mapToInt(Tree::size).sum();
        }
        if (value instanceof List<?> l) {
            return 1 + l.stream().mapToInt(Tree::size).sum();
        }
        return 1;
    }
}
