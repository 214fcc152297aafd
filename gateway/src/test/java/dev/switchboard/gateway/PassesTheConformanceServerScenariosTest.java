package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeContent;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeResourceTemplate;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every server scenario of the official MCP conformance suite (pinned {@code @modelcontextprotocol/conformance},
 * {@code conformance server --url ... --scenario ...}) passes against the gateway in front of one stdio
 * FakeMcpServer that offers the tools, resources and prompts the scenarios expect. Names stay as the scenarios
 * expect them ({@code gateway.names: bare_when_unique}, one server), so what is tested is the gateway's protocol,
 * forwarding in both directions included: sampling, elicitation, logging, progress, completion, subscriptions.
 */
class PassesTheConformanceServerScenariosTest {
    private static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAD"
            + "UlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="); // 1x1, red

    private static Fixture fixture;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("everything", scenario())), GatewaySettings.builder().port(0)
                .names(GatewaySettings.Names.BARE_WHEN_UNIQUE).build());
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyServerScenarioPasses() throws IOException {
        List<String> scenarios = ConformanceSuite.serverScenarios();
        Map<String, ConformanceSuite.Run> runs = ConformanceSuite.runAll(scenarios, fixture.url(), work);

        return runs.values().stream().map(run -> DynamicTest.dynamicTest(run.scenario(), () -> {
            // Stricter than the suite's exit code: a WARNING (a SHOULD of the spec left undone) does not pass either.
            assertThat(run.checks()).as("checks saved by the suite; %s", run.explain()).isNotEmpty();
            assertThat(run.notPassed()).as(run.explain()).isEmpty();
        }));
    }

    /** What the suite's scenarios call, read and get, as their descriptions specify it. */
    static Scenario scenario() {
        return FakeMcpServer.builder().name("conformance-everything")
                .tool(FakeTool.text("test_simple_text", "This is a simple text response for testing."),
                        FakeTool.content("test_image_content", FakeContent.image("image/png", PNG)),
                        FakeTool.content("test_audio_content", FakeContent.audio("audio/wav", silentWav())),
                        FakeTool.content("test_embedded_resource", FakeContent.resource("test://embedded-resource",
                                "text/plain", "This is an embedded resource content.")),
                        FakeTool.content("test_multiple_content_types",
                                FakeContent.text("Multiple content types test:"), FakeContent.image("image/png", PNG),
                                FakeContent.resource("test://mixed-content-resource", "application/json",
                                        "{\"test\":\"data\",\"value\":123}")),
                        FakeTool.logging("test_tool_with_logging", 3, Duration.ofMillis(50)),
                        FakeTool.error("test_error_handling", "This tool intentionally returns an error for testing"),
                        FakeTool.progress("test_tool_with_progress", 3, Duration.ofMillis(50)),
                        FakeTool.sampling("test_sampling"),
                        FakeTool.elicitation("test_elicitation", null, Map.of("type", "object",
                                "properties", Map.of(
                                        "username", Map.of("type", "string", "description", "User's response"),
                                        "email", Map.of("type", "string", "description", "User's email address")),
                                "required", List.of("username", "email"))),
                        FakeTool.elicitation("test_elicitation_sep1034_defaults", "Please review the defaults",
                                Map.of("type", "object", "properties", Map.of(
                                        "name", Map.of("type", "string", "default", "John Doe"),
                                        "age", Map.of("type", "integer", "default", 30),
                                        "score", Map.of("type", "number", "default", 95.5),
                                        "status", Map.of("type", "string", "default", "active",
                                                "enum", List.of("active", "inactive", "pending")),
                                        "verified", Map.of("type", "boolean", "default", true)))),
                        FakeTool.elicitation("test_elicitation_sep1330_enums", "Please choose", Map.of(
                                "type", "object", "properties", Map.of(
                                        "untitledSingle", Map.of("type", "string",
                                                "enum", List.of("option1", "option2", "option3")),
                                        "titledSingle", Map.of("type", "string", "oneOf", List.of(
                                                Map.of("const", "value1", "title", "First Option"),
                                                Map.of("const", "value2", "title", "Second Option"))),
                                        "legacyEnum", Map.of("type", "string", "enum", List.of("opt1", "opt2", "opt3"),
                                                "enumNames", List.of("Option One", "Option Two", "Option Three")),
                                        "untitledMulti", Map.of("type", "array", "items", Map.of("type", "string",
                                                "enum", List.of("option1", "option2", "option3"))),
                                        "titledMulti", Map.of("type", "array", "items", Map.of("anyOf", List.of(
                                                Map.of("const", "value1", "title", "First Choice"),
                                                Map.of("const", "value2", "title", "Second Choice"))))))),
                        FakeTool.text("json_schema_2020_12_tool", "ok")
                                .withDescription("Tool with JSON Schema 2020-12 features")
                                .withInputSchema(Map.of(
                                        "$schema", "https://json-schema.org/draft/2020-12/schema",
                                        "type", "object",
                                        "$defs", Map.of("address", Map.of("type", "object", "properties", Map.of(
                                                "street", Map.of("type", "string"),
                                                "city", Map.of("type", "string")))),
                                        "properties", Map.of("name", Map.of("type", "string"),
                                                "address", Map.of("$ref", "#/$defs/address")),
                                        "additionalProperties", false)),
                        FakeTool.text("test_reconnection", "Reconnection test completed"))
                .resource(FakeResource.text("test://static-text", "static-text", "text/plain",
                                "This is the content of the static text resource."),
                        FakeResource.blob("test://static-binary", "static-binary", "image/png", PNG),
                        FakeResource.text("test://watched-resource", "watched-resource", "text/plain",
                                "A resource to subscribe to."))
                .resourceTemplate(FakeResourceTemplate.of("test://template/{id}/data", "template-data",
                        "application/json", "{\"id\":\"{id}\",\"templateTest\":true,\"data\":\"Data for ID: {id}\"}"))
                .prompt(FakePrompt.of("test_simple_prompt", "A simple prompt", List.of(),
                                "This is a simple prompt for testing."),
                        FakePrompt.of("test_prompt_with_arguments", "A prompt with arguments", List.of("arg1", "arg2"),
                                "Prompt with arguments: arg1='{{arg1}}', arg2='{{arg2}}'")
                                .withCompletions("arg1", "paris", "park", "party", "test", "testing"),
                        FakePrompt.withMessages("test_prompt_with_embedded_resource", "A prompt with a resource",
                                List.of("resourceUri"), FakeContent.resource("{{resourceUri}}", "text/plain",
                                        "Embedded resource content for testing."),
                                FakeContent.text("Please process the embedded resource above.")),
                        FakePrompt.withMessages("test_prompt_with_image", "A prompt with an image", List.of(),
                                FakeContent.image("image/png", PNG),
                                FakeContent.text("Please analyze the image above.")))
                .build();
    }

    /** A valid WAV file: mono, 8 kHz, 8 bit, eight samples of silence. */
    private static byte[] silentWav() {
        int samples = 8;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1)
                .putShort((short) 8).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
        while (wav.hasRemaining()) {
            wav.put((byte) 0x80);
        }
        return wav.array();
    }
}
