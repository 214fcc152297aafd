package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallOptions;
import dev.switchboard.ClientHandlers;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import dev.switchboard.config.Root;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.ReferenceServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * server-everything asks the client for sampling, elicitation and roots: the application's handlers answer (told
 * which server asks), accepted forms get the schema's defaults, and without handlers elicitation is declined and
 * sampling refused with a clear error.
 */
class AnswersServerRequestsTest {

    @Test
    void anAcceptedFormGetsTheSchemasDefaultsForOmittedFields() {
        List<String> askedBy = new CopyOnWriteArrayList<>();
        var handlers = ClientHandlers.NONE.withFormElicitation((server, request) -> {
            askedBy.add(server);
            assertThat(request.requestedSchema()).containsKey("properties");
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Ada"));
        });
        try (var sb = Switchboard.builder(config(everything())).handlers(handlers).start()) {
            ToolResult r = sb.call("everything", "trigger-elicitation-request", Map.of());

            assertThat(r.text()).contains("Name: Ada").contains("Favorite Integer: 42")
                    .contains("It was a dark and stormy night.");
            assertThat(askedBy).containsExactly("everything");
        }
    }

    @Test
    void aSamplingHandlerAnswersWithTheServersName() {
        List<String> prompts = new CopyOnWriteArrayList<>();
        var handlers = ClientHandlers.NONE.withSampling((server, request) -> {
            prompts.add(server + ": " + ((McpSchema.TextContent) request.messages().get(0).content()).text());
            return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
                    .content(new McpSchema.TextContent("sampled on a virtual thread: "
                            + Thread.currentThread().isVirtual()))
                    .model("test-model").build();
        });
        try (var sb = Switchboard.builder(config(everything())).handlers(handlers).start()) {
            ToolResult r = sb.call("everything", "trigger-sampling-request", Map.of("prompt", "hello", "maxTokens", 5));

            assertThat(r.isError()).isFalse();
            assertThat(r.text()).contains("sampled on a virtual thread: true").contains("test-model");
            assertThat(prompts).singleElement().asString().startsWith("everything: ").contains("hello");
        }
    }

    @Test
    void aCallsOwnHandlersAnswerTheRequestsMadeDuringIt() {
        List<String> byApplication = new CopyOnWriteArrayList<>();
        var application = ClientHandlers.NONE.withSampling((server, request) -> {
            byApplication.add(server);
            return sampled("the application");
        });
        var callers = ClientHandlers.NONE.withSampling((server, request) -> sampled("the caller"));
        try (var sb = Switchboard.builder(config(everything())).handlers(application).start()) {
            ToolResult own = sb.call(ToolCall.of("everything", "trigger-sampling-request", Map.of("prompt", "a")),
                    CallOptions.DEFAULT.withClientHandlers(callers));
            ToolResult plain = sb.call("everything", "trigger-sampling-request", Map.of("prompt", "b"));

            assertThat(own.text()).contains("sampled by the caller");
            assertThat(plain.text()).contains("sampled by the application");
            assertThat(byApplication).containsExactly("everything");
        }
    }

    private static McpSchema.CreateMessageResult sampled(String by) {
        return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
                .content(new McpSchema.TextContent("sampled by " + by)).model("m").build();
    }

    @Test
    void withoutHandlersElicitationIsDeclinedAndSamplingRefusedClearly() {
        try (var sb = Switchboard.start(config(everything()))) {
            assertThat(sb.call("everything", "trigger-elicitation-request", Map.of()).text())
                    .contains("declined");

            ToolResult sampled = sb.call("everything", "trigger-sampling-request", Map.of("prompt", "hi"));
            assertThat(sampled.isError()).isTrue();
            assertThat(sampled.text()).contains("no sampling handler");
        }
    }

    @Test
    void theConfiguredRootsAreListedToTheServer() {
        StdioServer server = everything();
        server = server.withOptions(server.options().toBuilder().roots(List.of(
                new Root("file:///srv/project", "project"), new Root("file:///srv/data", null))).build());
        try (var sb = Switchboard.start(config(server))) {
            assertThat(sb.call("everything", "get-roots-list", Map.of()).text())
                    .contains("file:///srv/project").contains("project").contains("file:///srv/data");
        }
    }

    @Test
    void aRootsHandlerReplacesTheConfiguredRoots() {
        StdioServer server = everything();
        server = server.withOptions(server.options().toBuilder().roots(List.of(new Root("file:///configured", null)))
                .build());
        var handlers = ClientHandlers.NONE.withRoots((name, configured) -> List.of(
                new McpSchema.Root("file:///from-handler/" + name, "mine"), configured.get(0)));
        try (var sb = Switchboard.builder(config(server)).handlers(handlers).start()) {
            assertThat(sb.call("everything", "get-roots-list", Map.of()).text())
                    .contains("file:///from-handler/everything").contains("file:///configured");
        }
    }

    private static StdioServer everything() {
        return Stdio.server("everything", ReferenceServer.everythingStdio());
    }

    private static SwitchboardConfig config(StdioServer server) {
        return SwitchboardConfig.of(List.of(server));
    }
}
