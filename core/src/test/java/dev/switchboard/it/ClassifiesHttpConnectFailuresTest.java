package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each way an HTTP server can fail to connect, produced for real on a loopback socket, gets its own error code, a
 * message that says what to check, and the right retry behaviour: transient failures are retried with backoff,
 * the others fail at once.
 */
class ClassifiesHttpConnectFailuresTest {
    private static final RetryPolicy THREE_ATTEMPTS_NO_JITTER =
            RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(1)).multiplier(2.0)
                    .maxBackoff(Duration.ofSeconds(30)).jitter(0.0).build();

    @Test
    void closedPortIsUnreachableAndRetriedWithExponentialBackoff() throws IOException {
        URI url = URI.create("http://127.0.0.1:" + Ports.unused() + "/mcp");
        var sleeper = new RecordingSleeper(2);
        try (var sb = Switchboard.builder(config(url, Transport.STREAMABLE_HTTP, false).build()).sleeper(sleeper)
                .awaitOptionalServers(true).start()) {
            ServerStatus st = sb.status("remote");
            assertThat(st.state()).isEqualTo(ServerState.RETRYING);
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(st.lastError().message()).contains("remote", "unreachable", "running")
                    .contains("connection refused at " + url).doesNotContain("ClosedChannelException");
            assertThat(sleeper.waits()).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void requiredServerThatCannotBeReachedFailsStartupNamingIt() throws IOException {
        URI url = URI.create("http://127.0.0.1:" + Ports.unused() + "/mcp");
        assertThatThrownBy(() -> Switchboard.builder(config(url, Transport.STREAMABLE_HTTP, true).build())
                .sleeper(new RecordingSleeper(2)).start())
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
                    assertThat(e.getMessage()).contains("required server", "remote: UNREACHABLE");
                });
    }

    @Test
    void unauthorizedIsAuthFailedAndNotRetried() {
        try (var stub = StubHttpEndpoint.answering(401, "text/plain", "no", Map.of("WWW-Authenticate", "Bearer"));
                var sb = Switchboard.builder(config(stub.url("/mcp"), Transport.STREAMABLE_HTTP, false).build())
                        .sleeper(new RecordingSleeper(0)).start()) {
            ServerStatus st = sb.status("remote");
            assertThat(st.state()).isEqualTo(ServerState.FAILED);
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.AUTH_FAILED);
            assertThat(st.lastError().message()).contains("401", "Authorization", "Bearer");
            assertThat(st.attempts()).isEqualTo(1);
        }
    }

    @Test
    void unauthorizedOnALegacySseStreamFailsAtOnceNotAfterTheConnectTimeout() {
        try (var stub = StubHttpEndpoint.answering(401, "text/plain", "no", Map.of());
                var sb = Switchboard.builder(config(stub.url("/sse"), Transport.SSE, false)
                        .withConnectTimeout(Duration.ofMinutes(10)).build()).sleeper(new RecordingSleeper(0)).start()) {
            ServerStatus st = sb.status("remote");
            assertThat(st.state()).isEqualTo(ServerState.FAILED);
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.AUTH_FAILED);
        }
    }

    @Test
    void notFoundIsAProtocolMismatchThatSuggestsTheOtherTransport() {
        try (var stub = StubHttpEndpoint.answering(404, "text/plain", "Cannot POST /mcp", Map.of());
                var sb = Switchboard.builder(config(stub.url("/mcp"), Transport.STREAMABLE_HTTP, false).build())
                        .sleeper(new RecordingSleeper(0)).start()) {
            ServerStatus st = sb.status("remote");
            assertThat(st.state()).isEqualTo(ServerState.FAILED);
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
            assertThat(st.lastError().message()).contains("404", "transport: sse");
        }
    }

    @Test
    void anHtmlPageIsAProtocolMismatch() {
        try (var stub = StubHttpEndpoint.answering(200, "text/html", "<html>login</html>", Map.of());
                var sb = Switchboard.builder(config(stub.url("/"), Transport.STREAMABLE_HTTP, false).build())
                        .sleeper(new RecordingSleeper(0)).start()) {
            ServerStatus st = sb.status("remote");
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
            assertThat(st.lastError().message()).contains("HTML");
        }
    }

    @Test
    void serviceUnavailableIsRetriedNoSoonerThanRetryAfter() {
        var sleeper = new RecordingSleeper(2);
        try (var stub = StubHttpEndpoint.answering(503, "text/plain", "busy", Map.of("Retry-After", "7"));
                var sb = Switchboard.builder(config(stub.url("/mcp"), Transport.STREAMABLE_HTTP, false).build())
                        .sleeper(sleeper).awaitOptionalServers(true).start()) {
            ServerStatus st = sb.status("remote");
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(st.lastError().message()).contains("503");
            assertThat(sleeper.waits()).first().isEqualTo(Duration.ofSeconds(7));
            assertThat(stub.requests()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void tooManyRequestsIsOverloadedAndWaitsAsAsked() {
        var sleeper = new RecordingSleeper(2);
        try (var stub = StubHttpEndpoint.answering(429, "text/plain", "slow down", Map.of("Retry-After", "12"));
                var sb = Switchboard.builder(config(stub.url("/mcp"), Transport.STREAMABLE_HTTP, false).build())
                        .sleeper(sleeper).awaitOptionalServers(true).start()) {
            assertThat(sb.status("remote").lastError().code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(sleeper.waits()).startsWith(Duration.ofSeconds(12), Duration.ofSeconds(12));
        }
    }

    @Test
    void anUnsupportedProtocolVersionIsAProtocolMismatch() {
        try (var stub = StubHttpEndpoint.initializingWithVersion("1999-01-01");
                var sb = Switchboard.builder(config(stub.url("/mcp"), Transport.STREAMABLE_HTTP, false).build())
                        .sleeper(new RecordingSleeper(0)).start()) {
            ServerStatus st = sb.status("remote");
            assertThat(st.state()).isEqualTo(ServerState.FAILED);
            assertThat(st.lastError().code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
            assertThat(st.lastError().message()).contains("1999-01-01", "2025-11-25");
        }
    }

    private static Cfg config(URI url, Transport transport, boolean required) {
        return new Cfg(url, transport, required, Duration.ofSeconds(10));
    }

    /** The one-server configuration under test, with its connect timeout adjustable. */
    private record Cfg(URI url, Transport transport, boolean required, Duration connectTimeout) {
        Cfg withConnectTimeout(Duration d) {
            return new Cfg(url, transport, required, d);
        }

        SwitchboardConfig build() {
            ServerOptions options = ServerOptions.builder().required(required).retry(THREE_ATTEMPTS_NO_JITTER)
                    .connectTimeout(connectTimeout).build();
            return SwitchboardConfig.of(List.of(HttpServer.builder("remote", url).options(options).transport(transport)
                    .build()));
        }
    }

}
