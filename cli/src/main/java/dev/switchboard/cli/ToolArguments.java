package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            String json = value.startsWith("@") ? read(Path.of(value.substring(1))) : value;
            return parse(json, value.startsWith("@") ? value.substring(1) : "the value");
        }
    }

    static ToolArguments parse(String json, String source) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new TypeConversionException(source + " is not valid JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + reason(e)
                    + " (expected: a JSON object like {\"name\": \"value\"})");
        }
        if (node == null || !node.isObject()) {
            String got = node == null || node.isMissingNode() ? "nothing" : "a JSON " + kind(node);
            throw new TypeConversionException(source + " is " + got
                    + " (expected: a JSON object like {\"name\": \"value\"})");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = Json.MAPPER.convertValue(node, LinkedHashMap.class);
        return new ToolArguments(values);
    }

    /** Jackson's reason without the source excerpt and location it appends. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (start marker at");
        message = cut < 0 ? message : message.substring(0, cut);
        return message.lines().findFirst().orElse(message);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TypeConversionException("file " + file + " not found (expected: @ followed by the path of a "
                    + "JSON file)");
        } catch (IOException e) {
            throw new TypeConversionException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
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
