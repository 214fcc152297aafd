package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The calls of {@code call-many}: a JSON file holding {@code [{"tool": NAME, "arguments": {...}}, ...]}, NAME a
 * qualified or bare tool name. A malformed file is a usage error naming the entry at fault.
 */
record CallSpecs(List<Spec> calls) {
    /** One call as the file gives it. */
    record Spec(String tool, Map<String, Object> arguments) {
    }

    private static final String EXPECTED = "expected: a JSON array like [{\"tool\": \"server__tool\", "
            + "\"arguments\": {}}]";

    /** Reads {@code CALLS.json}; picocli reports a failure as a usage error (exit 2). */
    static final class Converter implements ITypeConverter<CallSpecs> {
        @Override
        public CallSpecs convert(String value) {
            return parse(Json.readFile(Path.of(value)), value);
        }
    }

    static CallSpecs parse(String json, String source) {
        JsonNode root = Json.readTree(json, source, EXPECTED);
        if (root == null || !root.isArray()) {
            throw new TypeConversionException(source + " is not a JSON array (" + EXPECTED + ")");
        }
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            specs.add(spec(root.get(i), source + "[" + i + "]"));
        }
        return new CallSpecs(List.copyOf(specs));
    }

    @SuppressWarnings("unchecked")
    private static Spec spec(JsonNode node, String where) {
        if (!node.isObject() || !node.path("tool").isTextual() || node.get("tool").asText().isBlank()) {
            throw new TypeConversionException(where + " has no \"tool\" name (" + EXPECTED + ")");
        }
        JsonNode args = node.path("arguments");
        if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
            throw new TypeConversionException(where + ".arguments is not a JSON object (" + EXPECTED + ")");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!f.equals("tool") && !f.equals("arguments")) {
                throw new TypeConversionException(where + " has an unknown key \"" + f + "\" (" + EXPECTED + ")");
            }
        });
        Map<String, Object> values = args.isObject() ? Json.MAPPER.convertValue(args, LinkedHashMap.class)
                : Map.of();
        return new Spec(node.get("tool").asText(), values);
    }
}
