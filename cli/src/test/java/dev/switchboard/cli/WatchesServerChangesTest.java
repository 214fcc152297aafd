package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code switchboard watch}: a line per change of state and health, as a server's process is killed and restarted;
 * stopping (what SIGINT/SIGTERM do) shuts down gracefully with exit code 0 and leaves no process behind.
 */
class WatchesServerChangesTest {
    @TempDir
    Path dir;

    @Test
    void printsALinePerChangeWhenAServerDiesAndComesBack() throws Exception {
        try (var watch = Watch.start(dir, false)) {
            watch.awaitOutput("alpha  state - -> CONNECTING", "alpha  state CONNECTING -> READY",
                    "alpha  health UNKNOWN -> HEALTHY");
            watch.killServer();
            watch.awaitOutput("alpha  state READY -> RETRYING  PROCESS_EXITED: ",
                    "alpha  health HEALTHY -> UNHEALTHY  session lost: PROCESS_EXITED: ",
                    "alpha  state CONNECTING -> READY", "alpha  health UNHEALTHY -> UNKNOWN");
            assertThat(watch.stop()).isZero();
            assertThat(watch.out()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  alpha  state READY -> CLOSED$");
        }
        assertThat(ProcessHandle.current().children().count()).isZero();
    }

    @Test
    void printsJsonLinesWithJson() throws Exception {
        try (var watch = Watch.start(dir, true)) {
            watch.awaitOutput("\"to\":\"HEALTHY\"");
            watch.killServer();
            watch.awaitOutput("\"code\":\"PROCESS_EXITED\"");
            assertThat(watch.stop()).isZero();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Watch.last.out().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).allSatisfy(l -> assertThat(l.properties()).extracting(Map.Entry::getKey)
                .containsExactly("time", "server", "kind", "from", "to", "code", "reason"));
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.get("kind").asText()).isEqualTo("health");
            assertThat(l.get("to").asText()).isEqualTo("UNHEALTHY");
            assertThat(l.get("code").asText()).isEqualTo("PROCESS_EXITED");
        });
    }

    /** The command running on a thread of its own, with its output captured. */
    private static final class Watch implements AutoCloseable {
        static Watch last;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final WatchCommand command;
        private final CompletableFuture<Integer> exit;

        private Watch(Path dir, boolean json) throws InterruptedException {
            Path file = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            command = cl.getSubcommands().get("watch").getCommand();
            List<String> args = new ArrayList<>(List.of("watch", file.toString()));
            if (json) {
                args.add("--json");
            }
            // On the common pool, which the command then blocks: Switchboard must notice a dead server regardless.
            exit = CompletableFuture.supplyAsync(() -> cl.execute(args.toArray(String[]::new)));
            assertThat(command.awaitStarted(Duration.ofSeconds(60))).isTrue();
            last = this;
        }

        static Watch start(Path dir, boolean json) throws InterruptedException {
            return new Watch(dir, json);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        void awaitOutput(String... parts) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(out())
                    .as(() -> "stderr: " + err.toString(StandardCharsets.UTF_8)).contains(parts));
        }

        void killServer() {
            ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
        }

        int stop() throws InterruptedException {
            command.stop();
            assertThat(command.awaitFinished(Duration.ofSeconds(60))).isTrue();
            return exit.join();
        }

        @Override
        public void close() throws InterruptedException {
            command.stop();
            command.awaitFinished(Duration.ofSeconds(60));
        }
    }
}
