package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code switchboard serve}: prints the endpoint and a client configuration, serves an MCP client, its probes and
 * metrics (the library's meters included) until stopped (what SIGINT and SIGTERM do), then exits 0; a non-loopback
 * address without tokens (unless --insecure) and a required server that cannot start are refused with what to do.
 */
class ServesConfiguredServersTest {
    @TempDir
    Path dir;

    @Test
    void servesAnMcpClientUntilStoppedThenExits0() throws Exception {
        Path config = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        // Its own thread, as main would be: the MCP Java SDK client in this JVM needs the common pool.
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("serve-command").start(() -> exit.complete(cl.execute("serve", config.toString(),
                "--listen", "127.0.0.1:0")));
        assertThat(serve.awaitStarted(Duration.ofSeconds(60))).isTrue();
        URI url = serve.url();

        try (DemoClient client = new DemoClient(url)) {
            assertThat(client.toolNames()).containsExactly("alpha__echo", "alpha__env", "alpha__refuse");
            McpSchema.CallToolResult r = client.call("alpha__echo", Map.of("via", "gateway"));
            assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("\"via\":\"gateway\"");
        }
        assertThat(get(url.resolve("/readyz")).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(url.resolve("/metrics"));
        assertThat(metrics.body()).as("the library's meters and the gateway's, in one scrape")
                .contains("switchboard_calls_seconds_count{outcome=\"ok\",server=\"alpha\",tool=\"echo\"} 1")
                .contains("mcp_server_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_tool_name=\"alpha__echo\"")
                .contains("switchboard_server_state{required=\"false\",server=\"alpha\",state=\"READY\"} 1");
        serve.stop();

        assertThat(serve.awaitFinished(Duration.ofSeconds(60))).isTrue();
        assertThat(exit.join()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Switchboard gateway: " + url)
                .containsPattern("alpha +ready +3 tools")
                .contains("{\"mcpServers\": {\"switchboard\": {\"type\": \"http\", \"url\": \"" + url + "\"}}}")
                .contains("Stopped: every session ended");
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        // Its own executor: the MCP Java SDK client in this JVM needs the common pool.
        try (HttpClient http = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build()) {
            return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aNonLoopbackAddressWithoutTokensIsAUsageErrorThatSaysWhatToDo() {
        Path config = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));

        Cli.Result r = Cli.run("serve", config.toString(), "--listen", "0.0.0.0:7700");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--listen: \"0.0.0.0\" is not a loopback address, and without gateway.tokens",
                "switchboard token create NAME", "serve --insecure");
        assertThat(r.out()).doesNotContain("Switchboard gateway:");
    }

    @Test
    void insecureServesEveryAddressWithoutTokens() throws Exception {
        Path config = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));
        CommandLine cl = Main.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("serve-command").start(() -> exit.complete(cl.execute("serve", config.toString(),
                "--listen", "0.0.0.0:0", "--insecure")));
        assertThat(serve.awaitStarted(Duration.ofSeconds(60))).as(err.toString(StandardCharsets.UTF_8)).isTrue();

        try (DemoClient client = new DemoClient(URI.create("http://127.0.0.1:" + serve.url().getPort() + "/mcp"))) {
            assertThat(client.toolNames()).contains("alpha__echo");
        }
        serve.stop();

        assertThat(serve.awaitFinished(Duration.ofSeconds(60))).isTrue();
        assertThat(exit.join()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gateway.insecure");
    }

    @Test
    void aRequiredServerThatCannotStartStopsTheStart() {
        Path config = Configs.write(dir, Map.of("broken", Configs.missingCommand(true)));

        Cli.Result r = Cli.run("serve", config.toString(), "--listen", "0");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("broken", "PROCESS_START_FAILED");
        assertThat(r.out()).doesNotContain("Switchboard gateway:");
    }

}
