package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioJsonRoundTripTest {

    private final Scenario scenario = FakeMcpServer.builder().name("alpha").version("9")
            .tool(FakeTool.echo("echo").readOnly(), FakeTool.rpcError("bad", -32000, "no"),
                    FakeTool.progress("p", 4, Duration.ofMillis(10)), FakeTool.env("env"),
                    FakeTool.content("c", FakeContent.image("image/png", new byte[] {1}),
                            FakeContent.resource("mem://r", "text/plain", "r")),
                    FakeTool.logging("l", 2, Duration.ofMillis(5)), FakeTool.sampling("s"),
                    FakeTool.elicitation("e", "Age?", Map.of("type", "object", "properties",
                            Map.of("age", Map.of("type", "integer", "default", 30)))))
            .resource(FakeResource.blob("mem://b", "b", "application/octet-stream", new byte[] {9}))
            .resourceTemplate(FakeResourceTemplate.of("mem://t/{id}", "t", "text/plain", "id {id}"))
            .prompt(FakePrompt.of("greet", "Greets", List.of("who"), "Hi {{who}}").withCompletions("who", "Ada"),
                    FakePrompt.withMessages("look", null, List.of(), FakeContent.audio("audio/wav", new byte[] {2})))
            .requireBearer("s3cret").protocolVersion("1999-01-01").exitOnStart(2, "bye")
            .build();

    @Test
    void survivesJsonAndBase64() {
        assertThat(Scenario.fromJson(scenario.toJson())).isEqualTo(scenario);
        assertThat(Scenario.fromBase64(scenario.toBase64())).isEqualTo(scenario);
    }

    @Test
    void usesReadableBehaviourNames() {
        assertThat(scenario.toJson()).contains("\"kind\":\"rpc-error\"", "\"requireBearer\":\"s3cret\"",
                "\"kind\":\"elicitation\"", "\"type\":\"image\"");
    }

    @Test
    void fillsDefaultsForAMinimalHandWrittenScenario() {
        var parsed = Scenario.fromJson("""
                {"tools":[{"name":"e","behavior":{"kind":"echo"}}]}""");
        assertThat(parsed.name()).isEqualTo("fake");
        assertThat(parsed.faults()).isEqualTo(Faults.NONE);
        assertThat(parsed.tools().getFirst().inputSchema()).containsEntry("type", "object");
    }

    @Test
    void rejectsUnknownFieldsAndDuplicateTools() {
        assertThatIllegalArgumentException().isThrownBy(() -> Scenario.fromJson("{\"tols\":[]}"))
                .withMessageContaining("tols");
        assertThatIllegalArgumentException().isThrownBy(() -> FakeMcpServer.builder()
                .tool(FakeTool.echo("x"), FakeTool.hang("x")).build()).withMessageContaining("unique");
    }
}
