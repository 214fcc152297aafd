package dev.switchboard.agent;

import static dev.switchboard.testing.ScriptedChatServer.answer;
import static dev.switchboard.testing.ScriptedChatServer.callTool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.ScriptedChatServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line prints the answer, the entities and the tool calls; the API key, read from the variable
 * --api-key-env names, reaches the endpoint and is never printed: not in the answer (a model may echo it), not in
 * an error.
 */
class MainPrintsTheAnswerAndNeverTheKeyTest {
    private static final String KEY = "sk-SENTINEL-agent-7f3a91";
    private static final Map<String, String> ENV = Map.of("SB_AGENT_TEST_KEY", KEY);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AgentMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ENV);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheAnswerAndTheToolCallsAndMasksTheKey(@TempDir Path dir) {
        try (RunningFakeServer crm = FakeMcpServer.startHttp(Scenarios.crm());
                RunningFakeServer archive = FakeMcpServer.startHttp(Scenarios.archive());
                var chat = ScriptedChatServer.start(callTool("c1", "crm__lookup_orders", "{\"customer\":\"ACME\"}"),
                        answer(request -> "ACME has 3 open orders. (I was called with " + KEY + ")"))) {
            Path config = Config.crmAndArchive(dir, crm, archive);

            int exit = run("--config", config.toString(), "--base-url", chat.baseUrl(), "--model", "m",
                    "--api-key-env", "SB_AGENT_TEST_KEY", "How", "many", "orders", "have", "our", "customers?");

            String stdout = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed()).isZero();
            assertThat(stdout).startsWith("ACME has 3 open orders. (I was called with ****)\n")
                    .contains("customers -> crm+crm://customers (crm (priority 10, exact match) wins over archive")
                    .contains("Tool calls:\n  1. crm lookup_orders  ").contains(" ms  ok\n");
            assertThat(crm.receivedCalls()).extracting(RunningFakeServer.Call::tool).containsExactly("lookup_orders");
            assertThat(chat.authorizations()).as("the key reached the endpoint").containsOnly("Bearer " + KEY);
            assertThat(printed()).doesNotContain(KEY);
        }
    }

    @Test
    void aFailingEndpointIsReportedWithoutTheKey(@TempDir Path dir) {
        try (RunningFakeServer crm = FakeMcpServer.startHttp(Scenarios.crm());
                RunningFakeServer archive = FakeMcpServer.startHttp(Scenarios.archive());
                var chat = ScriptedChatServer.start()) {
            Path config = Config.crmAndArchive(dir, crm, archive);

            int exit = run("--config", config.toString(), "--base-url", chat.baseUrl(), "--model", "m",
                    "--api-key-env", "SB_AGENT_TEST_KEY", "Anything about customers?");

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("The chat model at " + chat.baseUrl()
                    + " failed: ").contains("check --base-url, --model and the key in SB_AGENT_TEST_KEY");
            assertThat(chat.authorizations()).containsOnly("Bearer " + KEY);
            assertThat(printed()).doesNotContain(KEY);
        }
    }

    @Test
    void aMissingQuestionIsAUsageError() {
        int exit = run("--config", "switchboard.yaml", "--base-url", "http://127.0.0.1:9/v1", "--model", "m");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("QUESTION");
    }
}
