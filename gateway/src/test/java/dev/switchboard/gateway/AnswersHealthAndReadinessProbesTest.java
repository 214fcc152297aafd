package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /healthz} answers while the process lives; {@code /readyz} answers 200 only while every required server is
 * ready: an optional server or one an operator disabled changes nothing, a required one killed and unable to start
 * again makes it 503 naming the server, its state and its last error code, until it is back.
 */
class AnswersHealthAndReadinessProbesTest {
    @TempDir
    Path dir;

    @Test
    void readyOnlyWhileEveryRequiredServerIsReady() throws Exception {
        Scenario beta = FakeMcpServer.builder().name("beta").tool(FakeTool.echo("echo")).build();
        Path down = dir.resolve("down");
        try (Fixture fixture = Fixture.start(List.of(
                required(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("echo"))
                        .build())),
                required(Fixture.stdio("beta", startsUnless(down, FakeMcpServer.stdioCommand(beta)))),
                Fixture.stdio("gamma", FakeMcpServer.builder().name("gamma").tool(FakeTool.echo("echo")).build())))) {
            HttpResponse<String> health = get(fixture, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).path("status").asText()).isEqualTo("up");
            assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(get(fixture, "/readyz").statusCode()).isEqualTo(200);

            fixture.switchboard.disable("gamma");
            fixture.switchboard.disable("alpha");
            assertThat(get(fixture, "/readyz").statusCode()).as("optional, or disabled by an operator (as at the"
                    + " start)").isEqualTo(200);

            Files.createFile(down);
            Fixture.processOf(beta).destroyForcibly();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> ready = get(fixture, "/readyz");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(json(ready).path("status").asText()).isEqualTo("not_ready");
                assertThat(json(ready).path("reasons")).hasSize(1);
                JsonNode reason = json(ready).path("reasons").get(0);
                assertThat(reason.path("reason").asText()).isEqualTo("server_not_ready");
                assertThat(reason.path("server").asText()).isEqualTo("beta");
                assertThat(reason.path("state").asText()).isIn("RETRYING", "FAILED");
                assertThat(reason.path("error_code").asText()).isEqualTo("PROCESS_EXITED");
            });
            assertThat(get(fixture, "/healthz").statusCode()).as("alive all the same").isEqualTo(200);

            Files.delete(down);
            fixture.switchboard.reconnect("beta");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get(fixture, "/readyz").statusCode() == 200);
        }
    }

    /** A command that runs the server unless {@code down} exists; then it exits at once with status 7. */
    private static List<String> startsUnless(Path down, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "if [ -e '" + down + "' ]; then exit 7; fi; exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static StdioServer required(StdioServer server) {
        return server.withOptions(server.options().toBuilder().required(true).build());
    }

    static HttpResponse<String> get(Fixture fixture, String path) {
        return Scrape.get(fixture.url().resolve(path));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return RawClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }
}
