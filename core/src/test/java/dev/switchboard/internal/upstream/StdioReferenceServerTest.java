package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.PROMPTLY;
import static dev.switchboard.internal.upstream.StdioScripts.alive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.switchboard.config.StdioServer;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The transport under the SDK's own client, against the real reference server {@code server-everything}. */
class StdioReferenceServerTest {

    @Test
    void initializesListsToolsAndLeavesNoProcessBehind() {
        var transport = StdioScripts.transport(everything(Map.of("SB_CONFIGURED", "yes")));
        McpAsyncClient client = McpClient.async(transport).requestTimeout(Duration.ofSeconds(30)).build();

        client.initialize().block(Duration.ofSeconds(30));
        List<String> tools = client.listTools().block(PROMPTLY).tools().stream().map(McpSchema.Tool::name).toList();
        String env = ((TextContent) client.callTool(new CallToolRequest("get-env", Map.of())).block(PROMPTLY)
                .content().getFirst()).text();
        long pid = transport.pid();
        List<Long> descendants = ProcessHandle.of(pid).orElseThrow().descendants().map(ProcessHandle::pid).toList();

        client.closeGracefully().block(PROMPTLY);
        transport.close();

        assertThat(tools).contains("echo", "get-env");
        assertThat(env).contains("\"SB_CONFIGURED\": \"yes\"").doesNotContain("\"JAVA_HOME\"")
                .doesNotContain("\"MAVEN_");
        assertThat(alive(pid)).isFalse();
        assertThat(descendants).allMatch(StdioScripts::gone);
    }

    @Test
    void callInFlightFailsAtOnceWhenTheServerIsKilled() throws Exception {
        var firstProgress = new CompletableFuture<McpSchema.ProgressNotification>();
        var exited = new CompletableFuture<ProcessExit>();
        var transport = StdioScripts.transport(everything(Map.of()));
        transport.onExit(exited::complete);
        McpAsyncClient client = McpClient.async(transport).requestTimeout(Duration.ofMinutes(10))
                .progressConsumer(p -> Mono.fromRunnable(() -> firstProgress.complete(p))).build();
        client.initialize().block(Duration.ofSeconds(30));

        var call = client.callTool(CallToolRequest.builder("trigger-long-running-operation")
                .arguments(Map.of("duration", 600, "steps", 600)).progressToken("t1").build()).toFuture();
        firstProgress.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS); // the call is running on the server now
        ProcessHandle.of(transport.pid()).orElseThrow().destroyForcibly();

        assertThatThrownBy(() -> call.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                .hasMessageContaining("exited with code 137");
        assertThat(exited.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).expected()).isFalse();
        client.close();
        transport.close();
    }

    private static StdioServer everything(Map<String, String> env) {
        String modules = System.getProperty("switchboard.referenceServers", "");
        Path script = Path.of(modules, "@modelcontextprotocol", "server-everything", "dist", "index.js");
        assumeThat(Files.isRegularFile(script)).as("reference servers installed at %s", modules).isTrue();
        return StdioServer.builder("everything", "node").args(List.of(script.toString(), "stdio")).env(env)
                .shutdownGrace(Duration.ofSeconds(2)).build();
    }
}
