package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.ReferenceServer;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Arguments that do not fit the tool's input schema fail with INVALID_ARGUMENTS listing every violation, before
 * anything is sent; with {@code orchestration.validate_arguments: false} they go to the server as they are.
 */
class ValidatesArgumentsAgainstInputSchemaTest {
    private static final Map<String, Object> USER_SCHEMA = Map.of("type", "object",
            "properties", Map.of("name", Map.of("type", "string"), "age", Map.of("type", "integer")),
            "required", List.of("name", "age"));

    private static RunningFakeServer crm() {
        return FakeMcpServer.builder().name("crm").tool(FakeTool.echo("create_user").withInputSchema(USER_SCHEMA))
                .startHttp();
    }

    private static SwitchboardConfig config(RunningFakeServer server, boolean validate) {
        return SwitchboardConfig.builder().servers(List.of(HttpServer.of("crm", URI.create(server.url()))))
                .orchestration(Orchestration.builder().validateArguments(validate).build()).build();
    }

    @Test
    void invalidArgumentsFailWithEveryViolationAndAreNotSent() {
        try (var server = crm(); var sb = Switchboard.start(config(server, true))) {
            assertThatThrownBy(() -> sb.callTool("create_user", Map.of("age", "forty")))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                        assertThat(e.getMessage()).contains("(2 problems)", "$: required property 'name'",
                                "$.age: string found, integer expected");
                    });
            assertThatThrownBy(() -> sb.call("crm", "create_user", Map.of("name", 7, "age", 1)))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.getMessage()).contains("$.name: integer found, string expected"));
            assertThat(server.receivedCalls()).isEmpty();
            assertThat(sb.callTool("crm__create_user", Map.of("name", "Ada", "age", 36)).text()).contains("Ada");
        }
    }

    @Test
    void withValidationOffTheServerGetsTheArgumentsAsTheyAre() {
        try (var server = crm(); var sb = Switchboard.start(config(server, false))) {
            sb.callTool("create_user", Map.of("age", "forty"));
            assertThat(server.receivedCalls()).extracting(RunningFakeServer.Call::arguments)
                    .containsExactly(Map.of("age", "forty"));
        }
    }

    @Test
    void theSchemasOfARealServerAreChecked() {
        var config = SwitchboardConfig.of(List.of(Stdio.server("everything", ReferenceServer.everythingStdio())));
        try (var sb = Switchboard.start(config)) {
            assertThatThrownBy(() -> sb.callTool("get-sum", Map.of("a", "one")))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                        assertThat(e.getMessage()).contains("$.a: ", "'b'");
                    });
            assertThat(sb.callTool("get-sum", Map.of("a", 2, "b", 3)).text()).contains("5");
        }
    }
}
