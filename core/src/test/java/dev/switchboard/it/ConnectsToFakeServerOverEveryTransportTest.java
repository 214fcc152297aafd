package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * FakeMcpServer over stdio, Streamable HTTP and HTTP+SSE at once, behind a bearer token: every request must carry
 * the configured header or the server answers 401.
 */
class ConnectsToFakeServerOverEveryTransportTest {
    private static final String TOKEN = "fake-bearer-3b9e";

    private static Scenario scenario(String name) {
        return FakeMcpServer.builder().name(name).requireBearer(TOKEN)
                .tool(FakeTool.echo("echo"), FakeTool.error("broken", "disk full"))
                .resource(FakeResource.text("mem://a", "a", "text/plain", "alpha"))
                .build();
    }

    @Test
    void allThreeTransportsAreReadyAndEveryRequestCarriesTheHeaders() {
        try (RunningFakeServer http = FakeMcpServer.startHttp(scenario("http-fake"));
                RunningFakeServer sse = FakeMcpServer.startSse(scenario("sse-fake"))) {
            var config = SwitchboardConfig.of(List.of(
                    Stdio.server("stdio", FakeMcpServer.stdioCommand(FakeMcpServer.builder().name("stdio-fake")
                            .tool(FakeTool.echo("echo")).build())),
                    withBearer("http", Transport.STREAMABLE_HTTP, http.url()),
                    withBearer("sse", Transport.SSE, sse.url())));
            try (var sb = Switchboard.start(config)) {
                assertThat(sb.status()).allSatisfy(s -> assertThat(s.state()).isEqualTo(ServerState.READY));
                assertThat(sb.status("http").serverName()).isEqualTo("http-fake");
                assertThat(sb.status("http").resourceCount()).isEqualTo(1);
                for (String server : List.of("stdio", "http", "sse")) {
                    assertThat(sb.call(server, "echo", Map.of("via", server)).text()).contains(server);
                }
                var broken = sb.call("http", "broken", Map.of());
                assertThat(broken.isError()).isTrue();
                assertThat(broken.text()).contains("disk full");
                assertThat(http.receivedCalls()).extracting(RunningFakeServer.Call::tool).contains("echo", "broken");
            }
        }
    }

    @Test
    void aWrongTokenIsAuthFailed() {
        try (RunningFakeServer http = FakeMcpServer.startHttp(scenario("guarded"))) {
            var server = HttpServer.builder("guarded", URI.create(http.url()))
                    .headers(Map.of("Authorization", "Bearer wrong-token")).build();
            try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(server)))
                    .sleeper(new RecordingSleeper(0)).start()) {
                assertThat(sb.status("guarded").lastError().code()).isEqualTo(ErrorCode.AUTH_FAILED);
            }
        }
    }

    @Test
    void aStdioServerWithAnUnsupportedProtocolVersionIsAProtocolMismatch() {
        var old = FakeMcpServer.builder().name("old").protocolVersion("1999-01-01").build();
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(Stdio.server("old",
                FakeMcpServer.stdioCommand(old))))).sleeper(new RecordingSleeper(0)).start()) {
            assertThat(sb.status("old").state()).isEqualTo(ServerState.FAILED);
            assertThat(sb.status("old").lastError().code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
            assertThat(sb.status("old").lastError().message()).contains("1999-01-01");
        }
    }

    @Test
    void closingReleasesTheHttpClientThreads() {
        try (RunningFakeServer http = FakeMcpServer.startHttp(scenario("threads"))) {
            try (var sb = Switchboard.start(SwitchboardConfig.of(List.of(
                    withBearer("a", Transport.STREAMABLE_HTTP, http.url()),
                    withBearer("b", Transport.STREAMABLE_HTTP, http.url()))))) {
                assertThat(sb.status()).allSatisfy(s -> assertThat(s.ready()).isTrue());
                assertThat(httpClientThreads()).isPositive();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> httpClientThreads() == 0);
        }
    }

    private static long httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("HttpClient-")).count();
    }

    private static HttpServer withBearer(String name, Transport transport, String url) {
        return HttpServer.builder(name, URI.create(url)).transport(transport)
                .headers(Map.of("Authorization", "Bearer " + TOKEN)).build();
    }
}
