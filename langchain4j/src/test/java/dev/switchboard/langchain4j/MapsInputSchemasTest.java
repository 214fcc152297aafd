package dev.switchboard.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.internal.JsonSchemaElementUtils;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input schemas become LangChain4j schema elements: what LangChain4j can say is said as it is, the rest in the
 * documented safe way (never a narrower type than the server accepts).
 */
class MapsInputSchemasTest {

    private static JsonObjectSchema map(Map<String, Object> schema) {
        return InputSchemas.parameters(schema);
    }

    private static JsonSchemaElement property(Map<String, Object> propertySchema) {
        return map(Map.of("type", "object", "properties", Map.of("p", propertySchema))).properties().get("p");
    }

    @Test
    void scalarsKeepTheirTypeAndDescription() {
        assertThat(property(Map.of("type", "string", "description", "a name")))
                .isEqualTo(JsonStringSchema.builder().description("a name").build());
        assertThat(property(Map.of("type", "integer"))).isEqualTo(new JsonIntegerSchema());
        assertThat(property(Map.of("type", "number"))).isEqualTo(new JsonNumberSchema());
        assertThat(property(Map.of("type", "boolean"))).isEqualTo(new JsonBooleanSchema());
        assertThat(property(Map.of("type", "null"))).isEqualTo(new JsonNullSchema());
    }

    @Test
    void objectsKeepPropertiesRequiredNestingAndClosedness() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("type", "object");
        address.put("description", "where");
        address.put("properties", Map.of("street", Map.of("type", "string"), "zip", Map.of("type", "integer")));
        address.put("required", List.of("street"));
        address.put("additionalProperties", false);
        JsonObjectSchema root = map(Map.of("type", "object", "properties", Map.of("address", address),
                "required", List.of("address")));

        assertThat(root.required()).containsExactly("address");
        JsonObjectSchema nested = (JsonObjectSchema) root.properties().get("address");
        assertThat(nested.description()).isEqualTo("where");
        assertThat(nested.properties()).containsOnlyKeys("street", "zip");
        assertThat(nested.properties().get("zip")).isEqualTo(new JsonIntegerSchema());
        assertThat(nested.required()).containsExactly("street");
        assertThat(nested.additionalProperties()).isFalse();
    }

    @Test
    void arraysKeepTheirItems() {
        var tags = (JsonArraySchema) property(Map.of("type", "array", "description", "labels",
                "items", Map.of("type", "string", "enum", List.of("red", "green"))));
        assertThat(tags.description()).isEqualTo("labels");
        assertThat(tags.items()).isEqualTo(JsonEnumSchema.builder().enumValues("red", "green").build());

        var points = (JsonArraySchema) property(Map.of("type", "array", "items", Map.of("type", "object",
                "properties", Map.of("x", Map.of("type", "number")))));
        assertThat(((JsonObjectSchema) points.items()).properties()).containsOnlyKeys("x");
    }

    @Test
    void stringEnumsStayEnumsOtherEnumsKeepTheirTypeAndListTheValues() {
        assertThat(property(Map.of("enum", List.of("asc", "desc"), "description", "order")))
                .isEqualTo(JsonEnumSchema.builder().description("order").enumValues("asc", "desc").build());
        assertThat(property(Map.of("type", "integer", "enum", List.of(1, 2, 3))))
                .as("not a string enum of \"1\", \"2\", \"3\": the server wants integers")
                .isEqualTo(JsonIntegerSchema.builder().description("One of: 1, 2, 3.").build());
        assertThat(property(Map.of("enum", List.of(0.5, 1)))).isInstanceOf(JsonNumberSchema.class);
        assertThat(property(Map.of("const", "v1"))).isEqualTo(JsonEnumSchema.builder().enumValues("v1").build());
        var mixed = property(Map.of("enum", List.of("auto", 3)));
        assertThat(mixed).isInstanceOf(JsonAnyOfSchema.class);
        assertThat(mixed.description()).isEqualTo("One of: \"auto\", 3.");
    }

    @Test
    void anyOfAndTypeListsBecomeAnyOf() {
        var either = (JsonAnyOfSchema) property(Map.of("anyOf", List.of(Map.of("type", "string"),
                Map.of("type", "integer")), "description", "id or name"));
        assertThat(either.description()).isEqualTo("id or name");
        assertThat(either.anyOf()).containsExactly(new JsonStringSchema(), new JsonIntegerSchema());

        var nullable = (JsonAnyOfSchema) property(Map.of("type", List.of("string", "null")));
        assertThat(nullable.anyOf()).containsExactly(new JsonStringSchema(), new JsonNullSchema());
    }

    @Test
    void oneOfBecomesAnyOfSayingExactlyOne() {
        var one = (JsonAnyOfSchema) property(Map.of("oneOf", List.of(Map.of("type", "string"),
                Map.of("type", "boolean"))));
        assertThat(one.anyOf()).containsExactly(new JsonStringSchema(), new JsonBooleanSchema());
        assertThat(one.description()).isEqualTo("Exactly one of these.");
    }

    @Test
    void allOfObjectsAreMerged() {
        var merged = (JsonObjectSchema) property(Map.of("allOf", List.of(
                Map.of("type", "object", "properties", Map.of("a", Map.of("type", "string")), "required",
                        List.of("a")),
                Map.of("type", "object", "properties", Map.of("b", Map.of("type", "integer"))))));
        assertThat(merged.properties()).containsOnlyKeys("a", "b");
        assertThat(merged.required()).containsExactly("a");
    }

    @Test
    void localReferencesAreInlinedAndRecursiveOnesReferToRootDefinitions() {
        Map<String, Object> node = Map.of("type", "object", "properties", Map.of(
                "value", Map.of("type", "string"),
                "children", Map.of("type", "array", "items", Map.of("$ref", "#/$defs/node"))));
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("when", Map.of("$ref", "#/definitions/date", "description", "start day"),
                        "tree", Map.of("$ref", "#/$defs/node")),
                "definitions", Map.of("date", Map.of("type", "string", "format", "date")),
                "$defs", Map.of("node", node));
        JsonObjectSchema root = map(schema);

        assertThat(root.properties().get("when"))
                .as("inlined, the referrer's description first, the format noted")
                .isEqualTo(JsonStringSchema.builder().description("start day (format: \"date\")").build());
        assertThat(root.properties().get("tree")).isEqualTo(JsonReferenceSchema.builder().reference("node").build());
        JsonObjectSchema definition = (JsonObjectSchema) root.definitions().get("node");
        assertThat(((JsonArraySchema) definition.properties().get("children")).items())
                .isEqualTo(JsonReferenceSchema.builder().reference("node").build());
        assertThat(JsonSchemaElementUtils.toMap(root)).as("what a provider sends").containsKey("$defs");
    }

    @Test
    void whatCannotBeSaidMeansAnyValueNeverANarrowerType() {
        for (Map<String, Object> schema : List.<Map<String, Object>>of(Map.of(), Map.of("$ref",
                "https://example.com/schema.json"), Map.of("not", Map.of("type", "string")),
                Map.of("$ref", "#/$defs/missing"))) {
            var any = (JsonAnyOfSchema) property(schema);
            assertThat(any.anyOf()).as("for %s", schema).hasSize(6)
                    .hasAtLeastOneElementOfType(JsonStringSchema.class)
                    .hasAtLeastOneElementOfType(JsonObjectSchema.class)
                    .hasAtLeastOneElementOfType(JsonArraySchema.class);
        }
        assertThat(property(Map.of("$ref", "https://example.com/s.json")).description())
                .isEqualTo("Described by https://example.com/s.json.");
    }

    @Test
    void constraintsWithoutAFieldAreAddedToTheDescription() {
        assertThat(property(Map.of("type", "string", "description", "when", "format", "date-time",
                "maxLength", 30)).description()).isEqualTo("when (format: \"date-time\"; maxLength: 30)");
        assertThat(property(Map.of("type", "integer", "minimum", 1)).description()).isEqualTo("(minimum: 1)");
    }

    @Test
    void aRootThatRefersToItsObjectIsThatObject() {
        JsonObjectSchema root = map(Map.of("$ref", "#/definitions/Args", "definitions", Map.of("Args", Map.of(
                "type", "object", "properties", Map.of("q", Map.of("type", "string")), "required", List.of("q")))));
        assertThat(root.properties()).containsOnlyKeys("q");
        assertThat(root.required()).containsExactly("q");

        JsonObjectSchema merged = map(Map.of("type", "object", "allOf", List.of(
                Map.of("properties", Map.of("a", Map.of("type", "string"))),
                Map.of("properties", Map.of("b", Map.of("type", "boolean"))))));
        assertThat(merged.properties()).containsOnlyKeys("a", "b");
    }

    @Test
    void aMissingOrEmptyInputSchemaIsAnObjectWithoutParameters() {
        assertThat(map(null).properties()).isEmpty();
        assertThat(map(Map.of("type", "object")).properties()).isEmpty();
    }

    @Test
    void absurdNestingStopsAsAnyValue() {
        Map<String, Object> deep = Map.of("type", "string");
        for (int i = 0; i < 100; i++) {
            deep = Map.of("type", "array", "items", deep);
        }
        JsonSchemaElement e = property(deep);
        int depth = 0;
        while (e instanceof JsonArraySchema a) {
            e = a.items();
            depth++;
        }
        assertThat(depth).isLessThan(100);
        assertThat(e).isInstanceOf(JsonAnyOfSchema.class);
    }
}
