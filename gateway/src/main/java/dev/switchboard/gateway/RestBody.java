package dev.switchboard.gateway;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON object of a request body (or of one item in it), read field by field: a field that is missing, of the
 * wrong type or unknown is a 400 that names it and says what was expected, so that a typo such as
 * {@code "timout"} is not silently ignored.
 */
final class RestBody {
    private final ObjectNode node;
    private final String where;

    private RestBody(ObjectNode node, String where) {
        this.node = node;
        this.where = where;
    }

    /**
     * The JSON of a body, read with {@code reader} (see {@link JsonRpc#reader}) so that the REST API keeps to
     * {@code gateway.max_json_depth} as the MCP endpoint does; null when it is empty; a 400 when it is not JSON.
     */
    static JsonNode json(byte[] bytes, ObjectMapper reader) {
        try {
            JsonNode node = reader.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (StreamConstraintsException e) {
            throw malformed(JsonRpc.beyondLimit(e, reader));
        } catch (IOException e) {
            String why = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
            throw malformed("the body is not valid JSON: " + why);
        }
    }

    /** The body, or a 400 when it is not a JSON object with only the {@code known} fields. */
    static RestBody of(JsonNode node, String where, Set<String> known) {
        if (!(node instanceof ObjectNode object)) {
            throw malformed(where + " must be a JSON object (got " + (node == null ? "nothing"
                    : node.getNodeType().toString().toLowerCase(Locale.ROOT)) + ")");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw malformed(where + ": unknown field(s) " + unknown + " (expected: " + String.join(", ",
                    known.stream().sorted().toList()) + ")");
        }
        return new RestBody(object, where);
    }

    /** A text field, or null when it is missing or null. */
    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw malformed(where + "." + field + " must be a string");
        }
        return v.asText();
    }

    String requiredText(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            throw malformed(where + "." + field + " is required (a non-empty string)");
        }
        return v;
    }

    /** An object field as a map of JSON-like values, or an empty map when it is missing or null. */
    Map<String, Object> map(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw malformed(where + "." + field + " must be a JSON object");
        }
        return JsonRpc.MAPPER.convertValue(v, RestJson.MAP);
    }

    /** A duration written as the configuration writes them ({@code 500ms}, {@code 5s}, {@code 1m}), or null. */
    Duration duration(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        Duration d = Durations.parse(text).orElseThrow(() -> malformed(where + "." + field + ": '" + text
                + "' is not a duration (expected: a duration like 500ms, 30s, 5m)"));
        if (!d.isPositive()) {
            throw malformed(where + "." + field + ": " + text + " (expected: > 0)");
        }
        return d;
    }

    /** A whole number at least {@code min}, or {@code fallback} when it is missing or null. */
    int integer(String field, int min, int fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
            throw malformed(where + "." + field + " must be a whole number >= " + min + " (got " + v + ")");
        }
        return v.asInt();
    }

    /** One of the {@code allowed} texts, or {@code fallback} when it is missing or null. */
    String choice(String field, List<String> allowed, String fallback) {
        String v = text(field);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw malformed(where + "." + field + ": '" + v + "' (expected one of: " + String.join(", ", allowed)
                    + ")");
        }
        return v;
    }

    /** A non-empty array field. */
    ArrayNode requiredArray(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw malformed(where + "." + field + " is required (a non-empty array)");
        }
        return (ArrayNode) v;
    }

    static RestProblem malformed(String detail) {
        return RestProblem.request(RestProblems.MALFORMED_REQUEST, detail);
    }
}
