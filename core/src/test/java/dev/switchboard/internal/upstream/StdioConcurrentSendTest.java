package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.PROMPTLY;
import static dev.switchboard.internal.upstream.StdioScripts.bash;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads sending at once produce whole lines on the server's stdin, never interleaved fragments. */
class StdioConcurrentSendTest {
    @TempDir
    Path dir;

    @Test
    void fiftyConcurrentSendsArriveAsFiftyIntactLines() throws Exception {
        Path received = dir.resolve("stdin.txt");
        var exited = new CompletableFuture<ProcessExit>();
        // Big payloads (larger than a pipe's atomic write size) make interleaving likely if writes were not serial.
        String payload = "x".repeat(10_000);
        try (var transport = StdioScripts.transport(bash("sink", "cat > \"$0\"", received.toString()))) {
            transport.onExit(exited::complete);
            transport.start();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 50; i++) {
                    int n = i;
                    pool.submit(() -> transport.sendMessage(new JSONRPCNotification("2.0", "notifications/test",
                            Map.of("n", n, "payload", payload, "text", "line\nbreak"))).block(PROMPTLY));
                }
            }
            transport.close();
        }
        exited.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);

        List<String> lines = Files.readAllLines(received, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(50);
        var json = new ObjectMapper();
        Set<Integer> numbers = new HashSet<>();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.path("params").path("payload").asText()).isEqualTo(payload);
            assertThat(node.path("params").path("text").asText()).isEqualTo("line\nbreak");
            numbers.add(node.path("params").path("n").asInt());
        }
        assertThat(numbers).hasSize(50);
    }
}
