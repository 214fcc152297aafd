package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CallAllOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A call given up on ends its HTTP exchange. Against a server that never answers and, like the SDK's server, keeps
 * the exchange open (a Streamable HTTP answer stream; a legacy SSE POST that waits for the tool), sixty timed-out
 * calls, ten at a time, leave no more connections to it than ten at a time need, nothing in the transport's book,
 * and the session serving. Before, each kept a connection (a descriptor on both ends) until the session closed.
 */
class EndsTheConnectionsOfAbandonedCallsTest {
    private static final int CALLS = 60;
    private static final int AT_ONCE = 10;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STREAMABLE_HTTP", "SSE"})
    void timedOutCallsLeaveNoConnectionOpen(Transport transport) {
        var scenario = FakeMcpServer.builder().name("hangs").tool(FakeTool.hang("stuck"), FakeTool.echo("echo"));
        try (RunningFakeServer server = transport == Transport.SSE ? scenario.startSse() : scenario.startHttp()) {
            int port = URI.create(server.url()).getPort();
            var config = HttpServer.builder("hangs", URI.create(server.url())).transport(transport)
                    .options(ServerOptions.builder().calls(CallConfigs.concurrent(AT_ONCE, Duration.ofMillis(10))).build())
                    .build();
            try (var sb = Switchboard.start(CallConfigs.of(config))) {
                sb.call("hangs", "echo", Map.of("warm", true)); // the connections a working session keeps
                int before = connectionsTo(port);

                List<ToolCall> calls = IntStream.range(0, CALLS)
                        .mapToObj(i -> ToolCall.of("hangs", "stuck", Map.of("i", i))).toList();
                List<Outcome> outcomes = sb.callAll(calls, CallAllOptions.DEFAULT.withMaxConcurrency(AT_ONCE)
                        .withPerCallTimeout(Duration.ofMillis(300)));

                assertThat(outcomes).allSatisfy(o -> assertThat(o.error().code()).isEqualTo(ErrorCode.TIMEOUT));
                Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(SdkInternals.openExchanges(sb, "hangs")).as("open exchanges").isZero();
                    // The pool may keep what ten calls at once needed (idle for a while); one per call it may not.
                    assertThat(connectionsTo(port)).as("connections to the server")
                            .isLessThanOrEqualTo(before + AT_ONCE);
                });
                assertThat(sb.call("hangs", "echo", Map.of("still", "serving")).text()).contains("serving");
                assertThat(sb.status("hangs").health().restarts()).as("restarts").isZero();
            }
        }
    }

    /** Established TCP connections to {@code port} on loopback: this JVM's clients of the in-JVM server. */
    private static int connectionsTo(int port) {
        int n = 0;
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    String remote = f[2];
                    if (f[3].equals("01") && Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16) == port) {
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }
}
