package dev.switchboard.langchain4j;

import static dev.switchboard.langchain4j.Tools.provided;
import static dev.switchboard.langchain4j.Tools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever goes wrong, the model gets a tool result it can read (flagged as an error) instead of an exception that
 * would end the AI service call: the tool's own error, an unknown tool, a server that died during the call, a
 * deadline, an open circuit breaker, arguments that do not fit. Each names the server and the tool and says what
 * happened.
 */
class ReturnsFailuresAsToolResultsTest {

    @Test
    void aToolsOwnErrorIsItsResult() {
        var scenario = FakeMcpServer.builder().name("alpha").tool(FakeTool.error("save", "disk full")).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("alpha", server))) {
            var result = run(provided(SwitchboardToolProvider.of(sb)), "alpha__save", "{}");

            assertThat(result.isError()).isTrue();
            assertThat(result.resultText()).isEqualTo("The tool 'save' of server 'alpha' reported an error: disk full");
            assertThat(result.attributes()).containsEntry(SwitchboardToolProvider.ERROR_CODE_ATTRIBUTE, "TOOL_ERROR");
            assertThat(server.receivedCalls()).hasSize(1);
        }
    }

    @Test
    void aToolThatLeftTheCatalogIsReportedUnknown() {
        var before = FakeMcpServer.builder().name("svc").tool(FakeTool.text("old_tool", "old")).build();
        var after = FakeMcpServer.builder().name("svc").tool(FakeTool.text("new_tool", "new")).build();
        try (RunningFakeServer v1 = FakeMcpServer.startHttp(before);
                RunningFakeServer v2 = FakeMcpServer.startHttp(after);
                var sb = Servers.start(Servers.http("svc", v1))) {
            var provided = provided(SwitchboardToolProvider.of(sb));
            sb.reload(SwitchboardConfig.of(List.of(Servers.http("svc", v2))));

            var result = run(provided, "svc__old_tool", "{}");

            assertThat(result.isError()).isTrue();
            assertThat(result.resultText()).startsWith("Switchboard could not run the tool 'old_tool' of server 'svc'"
                    + " (UNKNOWN_TOOL): ").endsWith("The tool is no longer offered: use another of your tools.");
            assertThat(result.attributes()).containsEntry(SwitchboardToolProvider.ERROR_CODE_ATTRIBUTE, "UNKNOWN_TOOL");
            assertThat(v2.receivedCalls()).isEmpty();
        }
    }

    @Test
    void aServerThatDiesDuringTheCallIsReportedAndItsToolsAreWithdrawn(@TempDir Path dir) throws Exception {
        var scenario = FakeMcpServer.builder().name("worker").tool(FakeTool.exit("crash", 3),
                FakeTool.text("work", "done")).build();
        // Once the file "down" exists the server cannot start again, so it stays down after the crash.
        Path down = dir.resolve("down");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "[ -e \"$1\" ] && exit 1; shift; exec \"$@\"",
                "worker", down.toString()));
        command.addAll(FakeMcpServer.stdioCommand(scenario));
        try (var sb = Servers.start(Servers.stdio("worker", command))) {
            var provider = SwitchboardToolProvider.builder(sb).waitForReady(false).build();
            var provided = provided(provider);
            Files.createFile(down);

            var result = run(provided, "worker__crash", "{}");

            assertThat(result.isError()).isTrue();
            assertThat(result.resultText()).startsWith("Switchboard could not run the tool 'crash' of server 'worker'"
                    + " (PROCESS_EXITED): ").endsWith("Trying again later may work.");
            await().atMost(Duration.ofSeconds(30)).until(() -> !sb.status("worker").ready());
            assertThat(Tools.names(provider)).as("the server is down: its tools are not offered").isEmpty();
            assertThat(run(provided, "worker__work", "{}").resultText()).as("a tool offered before the crash")
                    .startsWith("Switchboard could not run the tool 'work' of server 'worker' (SERVER_UNAVAILABLE): ");
        }
    }

    @Test
    void aCallPastTheProvidersTimeoutIsReportedAsATimeout() {
        var scenario = FakeMcpServer.builder().name("slow").tool(FakeTool.hang("stuck")).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("slow", server))) {
            var provider = SwitchboardToolProvider.builder(sb).timeout(Duration.ofMillis(300)).build();

            var result = run(provided(provider), "slow__stuck", "{}");

            assertThat(result.isError()).isTrue();
            assertThat(result.resultText()).startsWith("Switchboard could not run the tool 'stuck' of server 'slow'"
                    + " (TIMEOUT): ");
        }
    }

    @Test
    void anOpenBreakerIsReportedAndKeepsTheCallFromTheServer() {
        var scenario = FakeMcpServer.builder().name("flaky").tool(FakeTool.hang("stuck"), FakeTool.echo("echo"))
                .build();
        var policy = CallPolicy.builder().breaker(BreakerPolicy.builder().failureThreshold(2).halfOpenCalls(1).build())
                .build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("flaky", server, policy))) {
            var provided = provided(SwitchboardToolProvider.builder(sb).timeout(Duration.ofMillis(100)).build());
            run(provided, "flaky__stuck", "{}");
            run(provided, "flaky__stuck", "{}");

            var result = run(provided, "flaky__echo", "{}");

            assertThat(result.isError()).isTrue();
            assertThat(result.resultText()).startsWith("Switchboard could not run the tool 'echo' of server 'flaky'"
                    + " (CIRCUIT_OPEN): ").endsWith("Trying again later may work.");
            // (A timed-out "stuck" may be recorded by the server after the test looks: only "echo" is certain.)
            assertThat(server.receivedCalls()).extracting(RunningFakeServer.Call::tool).doesNotContain("echo");
        }
    }

    @Test
    void argumentsThatDoNotFitAreReportedBeforeAnythingIsSent() {
        var scenario = FakeMcpServer.builder().name("geo").tool(FakeTool.echo("locate").withInputSchema(Map.of(
                "type", "object", "properties", Map.of("city", Map.of("type", "string")),
                "required", List.of("city")))).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("geo", server))) {
            var provided = provided(SwitchboardToolProvider.of(sb));

            var notJson = run(provided, "geo__locate", "[\"Lisbon\"]");
            var missing = run(provided, "geo__locate", "{\"town\":\"Lisbon\"}");

            assertThat(notJson.isError()).isTrue();
            assertThat(notJson.resultText()).startsWith("The arguments for the tool 'locate' of server 'geo' are not"
                    + " a JSON object (expected an object, got: [\"Lisbon\"]).");
            assertThat(missing.isError()).isTrue();
            assertThat(missing.resultText()).contains("(INVALID_ARGUMENTS)").contains("city")
                    .endsWith("Call it again with arguments that fit its parameters.");
            assertThat(server.receivedCalls()).isEmpty();
        }
    }

    @Test
    void theLegacyExecuteMethodGivesTheSameText() {
        var scenario = FakeMcpServer.builder().name("alpha").tool(FakeTool.text("hello", "hi there")).build();
        try (RunningFakeServer server = FakeMcpServer.startHttp(scenario);
                var sb = Servers.start(Servers.http("alpha", server))) {
            var executor = Tools.executor(provided(SwitchboardToolProvider.of(sb)), "alpha__hello");
            var request = ToolExecutionRequest.builder().id("1").name("alpha__hello")
                    .arguments("").build();

            assertThat(executor.execute(request, "memory")).isEqualTo("hi there");
        }
    }
}
