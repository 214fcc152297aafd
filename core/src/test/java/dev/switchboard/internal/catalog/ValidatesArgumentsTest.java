package dev.switchboard.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments are checked against the tool's input schema, and every violation is reported with its path. */
class ValidatesArgumentsTest {
    private static final Map<String, Object> SCHEMA = Map.of("type", "object",
            "properties", Map.of(
                    "name", Map.of("type", "string", "minLength", 1),
                    "age", Map.of("type", "integer", "minimum", 0),
                    "tags", Map.of("type", "array", "items", Map.of("type", "string")),
                    "address", Map.of("type", "object", "properties", Map.of("zip", Map.of("type", "string")),
                            "required", List.of("zip"))),
            "required", List.of("name", "age"),
            "additionalProperties", false);
    private static final McpSchema.Tool TOOL = McpSchema.Tool.builder("create_user").inputSchema(SCHEMA).build();

    private final ArgumentValidator validator = new ArgumentValidator(LogGate.ALL);

    @Test
    void validArgumentsPass() {
        assertThat(validator.violations("crm", TOOL, Map.of("name", "Ada", "age", 36, "tags", List.of("x"))))
                .isEmpty();
    }

    @Test
    void everyViolationIsListedWithItsPath() {
        var args = Map.<String, Object>of("age", -1, "tags", List.of("ok", 7), "address", Map.of(), "extra", true);
        List<String> paths = validator.violations("crm", TOOL, args).stream()
                .map(ArgumentValidator.Violation::path).toList();
        assertThat(paths).contains("$", "$.age", "$.tags[1]", "$.address");
        assertThat(paths).hasSizeGreaterThanOrEqualTo(5); // name missing, extra not allowed, age, tags[1], zip
    }

    @Test
    void theErrorIsInvalidArgumentsNamingServerToolAndEachProblem() {
        assertThatThrownBy(() -> validator.check("crm", TOOL, Map.of("name", "", "age", "old")))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.server()).contains("crm");
                    assertThat(e.tool()).contains("create_user");
                    assertThat(e.getMessage()).contains("tool 'create_user' of server 'crm'", "(2 problems)",
                            "$.name: ", "$.age: ", "orchestration.validate_arguments: false");
                });
    }

    @Test
    void aSchemaDeclaringDraft7IsReadAsDraft7() {
        // In draft 7 "dependencies" is a keyword; in 2020-12 it is ignored.
        var draft7 = McpSchema.Tool.builder("t").inputSchema(Map.of("$schema",
                "http://json-schema.org/draft-07/schema#", "type", "object",
                "dependencies", Map.of("a", List.of("b")))).build();
        assertThat(validator.violations("s", draft7, Map.of("a", 1))).hasSize(1);
    }

    @Test
    void aSchemaTheValidatorCannotUseLetsTheCallThrough() {
        var broken = McpSchema.Tool.builder("t").inputSchema(Map.of("type", "object",
                "properties", Map.of("a", Map.of("$ref", "#/definitions/missing")))).build();
        assertThat(validator.violations("s", broken, Map.of("a", 1))).isEmpty();
    }

    @Test
    void aToolWithoutASchemaAcceptsAnything() {
        assertThat(validator.violations("s", McpSchema.Tool.builder("t").build(), Map.of("x", 1))).isEmpty();
    }
}
