package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that writes output that is not JSON-RPC is reported for what it does: its status carries the protocol
 * error and it is not HEALTHY; a call whose answer arrived unreadable fails with PROTOCOL_MISMATCH (at once when the
 * answer names its request, else at the deadline, saying what was read), and an initialize answered with garbage is
 * not "did not answer initialize".
 */
class ReportsAServerThatSpeaksSomethingElseTest {
    /** Answers initialize, lists one tool each of whose answers goes wrong its own way, answers pings. */
    private static final String NOISY = """
            while IFS= read -r line; do
              id=$(printf '%s' "$line" | sed -n 's/.*"id":\\("[^"]*"\\|[0-9][0-9]*\\).*/\\1/p')
              case "$line" in
                *'"method":"initialize"'*)
                  echo '{"jsonrpc":"2.0","id":'"$id"',"result":{"protocolVersion":"2025-06-18",'\\
            '"capabilities":{"tools":{}},"serverInfo":{"name":"noisy","version":"1"}}}';;
                *'"method":"tools/list"'*)
                  echo '{"jsonrpc":"2.0","id":'"$id"',"result":{"tools":[{"name":"crash","inputSchema":'\\
            '{"type":"object"}},{"name":"odd","inputSchema":{"type":"object"}}]}}';;
                *'"name":"crash"'*) echo 'Traceback (most recent call last): KeyError: city';;
                *'"name":"odd"'*) echo '{"id":'"$id"',"answer":"not a JSON-RPC response"}';;
                *'"method":"ping"'*) echo '{"jsonrpc":"2.0","id":'"$id"',"result":{}}';;
              esac
            done
            """;

    private static SwitchboardConfig noisy() {
        StdioServer s = StdioServer.builder("noisy", "bash").args(List.of("-c", NOISY))
                .shutdownGrace(Duration.ofMillis(200)).build();
        return SwitchboardConfig.of(List.of(s));
    }

    @Test
    void anAnswerThatNamesItsRequestFailsItAtOnceAndTheServerIsNoLongerHealthy() {
        try (var sb = Switchboard.builder(noisy()).probeScheduler(new ManualProbes()).start()) {
            assertThatThrownBy(() -> sb.call("noisy", "odd", Map.of(), Duration.ofMinutes(2)))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
                        assertThat(e.getMessage()).contains("tools/call", "not JSON-RPC");
                    });
            // The health verdict is the I/O thread's to record, which may finish just after the caller is told.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> sb.status("noisy").health().state() == HealthState.DEGRADED);
            var status = sb.status("noisy");
            assertThat(status.state()).isEqualTo(ServerState.READY);
            assertThat(status.lastError().code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
        }
    }

    @Test
    void anUnreadableAnswerFailsTheCallWithWhatWasRead() {
        try (var sb = Switchboard.start(noisy())) {
            assertThatThrownBy(() -> sb.call("noisy", "crash", Map.of(), Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
                        assertThat(e.getMessage()).contains("not JSON-RPC", "Traceback");
                    });
        }
    }

    @Test
    void anInitializeAnsweredWithGarbageIsAProtocolMismatch() {
        var garbage = Stdio.server("garbage", FakeMcpServer.stdioCommand(FakeMcpServer.builder().name("garbage")
                .malformedOutput().build()));
        garbage = garbage.withOptions(garbage.options().toBuilder().connectTimeout(Duration.ofSeconds(2))
                .retry(RetryPolicy.builder().maxAttempts(1).build()).build());
        try (var sb = Switchboard.builder(SwitchboardConfig.of(List.of(garbage))).sleeper(new RecordingSleeper(0))
                .start()) {
            var error = sb.status("garbage").lastError();
            assertThat(error.code()).isEqualTo(ErrorCode.PROTOCOL_MISMATCH);
            assertThat(error.message()).contains("initialize", "not JSON-RPC").doesNotContain("did not answer");
        }
    }
}
