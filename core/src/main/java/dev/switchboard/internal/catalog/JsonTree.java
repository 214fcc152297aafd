package dev.switchboard.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/**
 * Call arguments as a JSON tree for the schema validator, built directly when they are plain JSON values (maps with
 * string keys, collections, strings, booleans, ints, longs, doubles, null): the very tree, node type for node type,
 * that {@link ObjectMapper#valueToTree} makes of them. Anything else (a record, an enum, a float, a big number)
 * goes through the mapper, as before.
 *
 * <p>Why: {@code valueToTree} writes the value into a token buffer and reads it back, for a tree of a few nodes, on
 * every call (docs/benchmarks.md).
 */
final class JsonTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {
    }

    /** Nesting deeper than this is left to the mapper (which also reports a map that contains itself). */
    private static final int MAX_DEPTH = 200;

    /** Whether {@code value} is made of plain JSON values only, so that {@link #of} can build its tree. */
    static boolean isPlain(Object value) {
        return isPlain(value, 0);
    }

    private static boolean isPlain(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (!isPlain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The tree of a value for which {@link #isPlain} is true. */
    static JsonNode of(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                node.set((String) e.getKey(), of(e.getValue()));
            }
            return node;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode node = NODES.arrayNode(list.size());
            for (Object item : list) {
                node.add(of(item));
            }
            return node;
        }
        throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
    }
}
