package dev.switchboard.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A schema that accepts every object ({@code {"type": "object"}}, open or empty properties, annotations) needs no
 * validator run on each call: arguments are always an object. Any schema that may reject something is validated;
 * arguments that cannot be written as JSON are refused either way.
 */
class ChecksOpenSchemasWithoutTheValidatorTest {
    private final ArgumentValidator validator = new ArgumentValidator(LogGate.ALL);

    @Test
    void openSchemasAreRecognised() {
        for (Map<String, Object> open : List.<Map<String, Object>>of(Map.of(), Map.of("type", "object"),
                Map.of("type", "object", "additionalProperties", true),
                Map.of("type", "object", "properties", Map.of(), "title", "t", "description", "d",
                        "$schema", "https://json-schema.org/draft/2020-12/schema"))) {
            assertThat(ArgumentValidator.acceptsEveryObject(open)).as(open.toString()).isTrue();
        }
    }

    @Test
    void schemasThatMayRejectSomethingAreValidated() {
        for (Map<String, Object> closed : List.<Map<String, Object>>of(
                Map.of("type", "object", "properties", Map.of("a", Map.of("type", "string"))),
                Map.of("type", "object", "required", List.of("a")),
                Map.of("type", "object", "additionalProperties", false),
                Map.of("type", "object", "additionalProperties", Map.of("type", "string")),
                Map.of("type", "object", "minProperties", 1),
                Map.of("type", "array"), Map.of("type", List.of("object")),
                Map.of("anyOf", List.of(Map.of("type", "object"))), Map.of("$ref", "#/$defs/x"),
                Map.of("not", Map.of()))) {
            assertThat(ArgumentValidator.acceptsEveryObject(closed)).as(closed.toString()).isFalse();
        }
        var tool = McpSchema.Tool.builder("t").inputSchema(Map.of("type", "object", "minProperties", 1)).build();
        assertThat(validator.violations("s", tool, Map.of())).hasSize(1);
    }

    @Test
    void anOpenSchemaAcceptsAnyArgumentsThatCanBeWritten() {
        var tool = McpSchema.Tool.builder("t").inputSchema(Map.of("type", "object", "additionalProperties", true))
                .build();
        assertThat(validator.violations("s", tool, Map.of("a", 1, "b", List.of("x", Map.of("c", true)))))
                .isEmpty();
        assertThat(validator.violations("s", tool, Map.of("thread", new Object()))).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("cannot be written as JSON"));
    }
}
