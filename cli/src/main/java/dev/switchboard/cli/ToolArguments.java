package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The arguments of a tool call: a JSON object given inline ({@code --args '{"q": "x"}'}) or read from a file
 * ({@code --args @args.json}). Anything but an object is a usage error.
 *
 * @param values the object's members, in order
 */
record ToolArguments(Map<String, Object> values) {
    static final ToolArguments NONE = new ToolArguments(Map.of());

    /** Parses {@code --args}; picocli reports a failure as a usage error (exit 2). */
    static final class Converter implements ITypeConverter<ToolArguments> {
        @Override
        public ToolArguments convert(String value) {
            String json = value.startsWith("@") ? Json.readFile(Path.of(value.substring(1))) : value;
            return parse(json, value.startsWith("@") ? value.substring(1) : "the value");
        }
    }

    static ToolArguments parse(String json, String source) {
        JsonNode node = Json.readTree(json, source, "expected: a JSON object like {\"name\": \"value\"}");
        if (node == null || !node.isObject()) {
            String got = node == null || node.isMissingNode() ? "nothing" : "a JSON " + kind(node);
            throw new TypeConversionException(source + " is " + got
                    + " (expected: a JSON object like {\"name\": \"value\"})");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = Json.MAPPER.convertValue(node, LinkedHashMap.class);
        return new ToolArguments(values);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
