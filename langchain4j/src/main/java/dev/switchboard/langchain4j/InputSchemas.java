package dev.switchboard.langchain4j;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps an MCP tool's input schema (JSON Schema as a map) to LangChain4j's {@link JsonSchemaElement}s.
 *
 * <p>What LangChain4j can express is mapped as it is: objects (properties, required, {@code additionalProperties:
 * false}), arrays and their items, string enums, strings, numbers, integers, booleans, null, {@code anyOf}, and
 * {@code type} lists (as {@code anyOf}). The rest is mapped so that the model is never told something false:
 * <ul>
 *   <li>{@code $ref} to {@code #/$defs/X} or {@code #/definitions/X} is inlined (providers without {@code $ref}
 *       support work); a recursive one becomes a reference to {@code X}, whose definition goes into the root's
 *       {@code $defs}. Any other {@code $ref} (remote, a pointer into the body) means "any value".</li>
 *   <li>{@code oneOf} becomes {@code anyOf} ("exactly one" is added to the description); {@code allOf} of objects
 *       is merged into one object; another {@code allOf} means "any value".</li>
 *   <li>An enum or {@code const} that is not all strings becomes its values' type (integer, number, boolean) with
 *       the allowed values in the description; of mixed types, "any value" with the values in the description.</li>
 *   <li>Constraints LangChain4j has no field for ({@code format}, {@code pattern}, {@code minimum},
 *       {@code maxItems}, {@code default}, ...) are appended to the description, so the model still reads them.</li>
 *   <li>The root is always an object: one that is a {@code $ref} or an {@code allOf} is the object it resolves
 *       to; a root {@code anyOf} of alternatives cannot be said and is left out (its properties are kept).</li>
 *   <li>A schema with no type and nothing else to go by ({@code {}}, {@code not}, {@code if}) means "any value":
 *       {@code anyOf} string, number, boolean, object, array, null.</li>
 * </ul>
 * Whatever the model sends is still checked against the original schema by Switchboard before the call (unless
 * {@code orchestration.validate_arguments} is off); a mismatch returns to the model as a tool result it can act on.
 */
final class InputSchemas {
    // Keywords turned into a note in the description because LangChain4j's elements have no field for them.
    private static final List<String> NOTED = List.of("format", "pattern", "minLength", "maxLength", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems",
            "minProperties", "maxProperties", "default", "examples");
    private static final int MAX_DEPTH = 64;

    private final Map<String, Object> root;
    private final Map<String, JsonSchemaElement> recursiveDefinitions = new LinkedHashMap<>();
    private final Set<String> expanding = new HashSet<>();
    private final Set<String> recursive = new HashSet<>();

    private InputSchemas(Map<String, Object> root) {
        this.root = root;
    }

    /** The parameters of a tool whose input schema is {@code inputSchema} (null or empty: no parameters). */
    static JsonObjectSchema parameters(Map<String, Object> inputSchema) {
        Map<String, Object> schema = inputSchema == null ? Map.of() : inputSchema;
        InputSchemas mapper = new InputSchemas(schema);
        // The root of a tool's input schema is an object by the MCP specification, whatever else it says.
        JsonObjectSchema parameters = mapper.object(schema, 0);
        // Generated schemas sometimes put the object elsewhere: {"$ref": "#/definitions/Args", "definitions": ...}
        // or {"allOf": [...]}; when that resolves to an object, it is the parameters.
        boolean elsewhere = schema.containsKey("$ref") || schema.containsKey("allOf");
        if (!schema.containsKey("properties") && elsewhere) {
            Map<String, Object> untyped = new LinkedHashMap<>(schema);
            untyped.remove("type");
            if (mapper.element(untyped, 0) instanceof JsonObjectSchema resolved) {
                parameters = resolved;
            }
        }
        if (mapper.recursiveDefinitions.isEmpty()) {
            return parameters;
        }
        Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>(parameters.definitions());
        definitions.putAll(mapper.recursiveDefinitions);
        return parameters.toBuilder().definitions(definitions).build();
    }

    private JsonSchemaElement element(Object node, int depth) {
        if (!(node instanceof Map<?, ?> raw) || depth > MAX_DEPTH) {
            // true (any value), false (nothing fits; the server will say so), or a schema nested absurdly deep.
            return anyValue(null);
        }
        Map<String, Object> schema = stringKeys(raw);
        if (schema.get("$ref") instanceof String ref) {
            return reference(schema, ref, depth);
        }
        if (schema.containsKey("enum") || schema.containsKey("const")) {
            return enumeration(schema);
        }
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return typeList(schema, types, depth);
        }
        return type == null ? untyped(schema, depth) : typed(schema, String.valueOf(type), depth);
    }

    /** {@code "type": ["string", "null"]}: each type with the schema's other keywords, as {@code anyOf}. */
    private JsonSchemaElement typeList(Map<String, Object> schema, List<?> types, int depth) {
        List<JsonSchemaElement> each = new ArrayList<>();
        for (Object t : types) {
            Map<String, Object> one = new LinkedHashMap<>(schema);
            one.put("type", t);
            one.remove("description");
            each.add(element(one, depth + 1));
        }
        return JsonAnyOfSchema.builder().description(description(schema)).anyOf(each).build();
    }

    /** A schema without a type: a combination, else what its keywords imply, else any value. */
    private JsonSchemaElement untyped(Map<String, Object> schema, int depth) {
        if (schema.get("anyOf") instanceof List<?> any) {
            return anyOf(schema, any, null, depth);
        }
        if (schema.get("oneOf") instanceof List<?> one) {
            return anyOf(schema, one, "Exactly one of these.", depth);
        }
        if (schema.get("allOf") instanceof List<?> all) {
            return allOf(schema, all, depth);
        }
        if (schema.containsKey("properties")) {
            return object(schema, depth);
        }
        if (schema.containsKey("items")) {
            return array(schema, depth);
        }
        return anyValue(description(schema));
    }

    private JsonSchemaElement typed(Map<String, Object> schema, String type, int depth) {
        return switch (type) {
            // An object's anyOf/oneOf (alternative required sets) cannot be said; its properties can.
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "string" -> JsonStringSchema.builder().description(description(schema)).build();
            case "integer" -> JsonIntegerSchema.builder().description(description(schema)).build();
            case "number" -> JsonNumberSchema.builder().description(description(schema)).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description(schema)).build();
            case "null" -> new JsonNullSchema();
            default -> anyValue(join(description(schema), "Type '" + type + "'."));
        };
    }

    private JsonObjectSchema object(Map<String, Object> schema, int depth) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description(schema));
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            stringKeys(properties).forEach((name, property) -> b.addProperty(name, element(property, depth + 1)));
        }
        if (schema.get("required") instanceof List<?> required) {
            b.required(required.stream().map(String::valueOf).toList());
        }
        // Only "false" can be said; a schema for the additional properties is more permissive than false.
        if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
            b.additionalProperties(false);
        }
        return b.build();
    }

    private JsonArraySchema array(Map<String, Object> schema, int depth) {
        JsonArraySchema.Builder b = JsonArraySchema.builder().description(description(schema));
        // "items" as a list is the old tuple form: left out, which LangChain4j sends as items of any kind.
        if (schema.get("items") instanceof Map<?, ?> items) {
            b.items(element(items, depth + 1));
        }
        return b.build();
    }

    private JsonSchemaElement anyOf(Map<String, Object> schema, List<?> options, String note, int depth) {
        List<JsonSchemaElement> each = options.stream().map(o -> element(o, depth + 1)).toList();
        return JsonAnyOfSchema.builder().description(join(description(schema), note)).anyOf(each).build();
    }

    private JsonSchemaElement allOf(Map<String, Object> schema, List<?> parts, int depth) {
        if (parts.size() == 1) {
            return element(withDescription(parts.get(0), schema), depth + 1);
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        for (Object part : parts) {
            JsonSchemaElement e = element(part, depth + 1);
            if (!(e instanceof JsonObjectSchema) || !(part instanceof Map<?, ?> p)) {
                return anyValue(join(description(schema), "All of several schemas."));
            }
            Map<String, Object> map = stringKeys(p);
            if (map.get("properties") instanceof Map<?, ?> props) {
                properties.putAll(stringKeys(props));
            }
            if (map.get("required") instanceof List<?> r) {
                r.forEach(name -> required.add(String.valueOf(name)));
            }
        }
        merged.put("type", "object");
        merged.put("properties", properties);
        merged.put("required", List.copyOf(required));
        if (schema.get("description") != null) {
            merged.put("description", schema.get("description"));
        }
        return object(merged, depth);
    }

    private JsonSchemaElement reference(Map<String, Object> schema, String ref, int depth) {
        String name = definitionName(ref);
        Object target = name == null ? null : definition(name);
        if (target == null) {
            return anyValue(join(description(schema), "Described by " + ref + "."));
        }
        if (expanding.contains(name)) {
            // Recursion: the definition is mapped once, into the root's $defs, and referred to by name.
            recursive.add(name);
            return JsonReferenceSchema.builder().reference(name).build();
        }
        expanding.add(name);
        try {
            JsonSchemaElement mapped = element(withDescription(target, schema), depth + 1);
            if (!recursive.contains(name)) {
                return mapped;
            }
            if (!recursiveDefinitions.containsKey(name)) {
                recursiveDefinitions.put(name, element(target, depth + 1));
            }
            return JsonReferenceSchema.builder().reference(name).build();
        } finally {
            expanding.remove(name);
        }
    }

    private Object definition(String name) {
        for (String key : List.of("$defs", "definitions")) {
            if (root.get(key) instanceof Map<?, ?> defs && defs.containsKey(name)) {
                return defs.get(name);
            }
        }
        return null;
    }

    private static String definitionName(String ref) {
        for (String prefix : List.of("#/$defs/", "#/definitions/")) {
            if (ref.startsWith(prefix) && ref.length() > prefix.length() && ref.indexOf('/', prefix.length()) < 0) {
                return ref.substring(prefix.length());
            }
        }
        return null;
    }

    private JsonSchemaElement enumeration(Map<String, Object> schema) {
        List<?> values = schema.get("enum") instanceof List<?> list ? list
                : Collections.singletonList(schema.get("const"));
        if (!values.isEmpty() && values.stream().allMatch(String.class::isInstance)) {
            return JsonEnumSchema.builder().description(description(schema))
                    .enumValues(values.stream().map(String.class::cast).toList()).build();
        }
        String note = "One of: " + values.stream().map(InputSchemas::literal).collect(Collectors.joining(", ")) + ".";
        String text = join(description(schema), note);
        if (!values.isEmpty() && values.stream().allMatch(v -> v instanceof Integer || v instanceof Long
                || v instanceof BigInteger)) {
            return JsonIntegerSchema.builder().description(text).build();
        }
        if (!values.isEmpty() && values.stream().allMatch(Number.class::isInstance)) {
            return JsonNumberSchema.builder().description(text).build();
        }
        if (!values.isEmpty() && values.stream().allMatch(Boolean.class::isInstance)) {
            return JsonBooleanSchema.builder().description(text).build();
        }
        return anyValue(text);
    }

    /** "Any value": every JSON type, as the one element kind LangChain4j has for a choice of types. */
    private static JsonSchemaElement anyValue(String description) {
        return JsonAnyOfSchema.builder().description(description).anyOf(new JsonStringSchema(),
                new JsonNumberSchema(), new JsonBooleanSchema(), JsonObjectSchema.builder().build(),
                JsonArraySchema.builder().build(), new JsonNullSchema()).build();
    }

    /** The schema's description (else its title), with the constraints LangChain4j cannot carry appended. */
    private static String description(Map<String, Object> schema) {
        Object text = schema.get("description") != null ? schema.get("description") : schema.get("title");
        List<String> notes = new ArrayList<>();
        for (String key : NOTED) {
            if (schema.containsKey(key)) {
                notes.add(key + ": " + literal(schema.get(key)));
            }
        }
        String constraints = notes.isEmpty() ? null : "(" + String.join("; ", notes) + ")";
        return join(text == null ? null : text.toString(), constraints);
    }

    private static Map<String, Object> withDescription(Object target, Map<String, Object> referrer) {
        Map<String, Object> copy = target instanceof Map<?, ?> m ? new LinkedHashMap<>(stringKeys(m))
                : new LinkedHashMap<>();
        if (referrer.get("description") != null) {
            copy.put("description", referrer.get("description"));
        }
        return copy;
    }

    private static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null ? first : first + " " + second;
    }

    private static String literal(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
