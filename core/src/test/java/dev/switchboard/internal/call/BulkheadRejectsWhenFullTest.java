package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a server's bulkhead (or the global limit) is full, a further call fails at once with OVERLOADED, after at
 * most the bounded queue wait, and never reaches the server; the calls already running are not disturbed.
 */
class BulkheadRejectsWhenFullTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aCallBeyondTheServersLimitIsOverloadedAndNotSent() throws Exception {
        try (RunningFakeServer server = FakeMcpServer.builder().name("narrow")
                .tool(FakeTool.hang("hang"), FakeTool.echo("echo")).startHttp();
                var sb = Switchboard.start(CallServers.config(CallServers.http("narrow", server.url(),
                        CallServers.bulkhead(2, Duration.ZERO))))) {
            List<Thread> running = occupy(sb, "narrow", 2);
            server.awaitCalls(2, WAIT);
            assertThatThrownBy(() -> sb.call("narrow", "echo", Map.of()))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
                        assertThat(e.getMessage()).contains("narrow", "2 calls in flight", "max_concurrent_calls");
                    });
            assertThat(server.receivedCalls()).hasSize(2);
            running.forEach(Thread::interrupt);
            for (Thread t : running) {
                t.join(WAIT);
            }
            assertThat(sb.call("narrow", "echo", Map.of("free", "again")).text()).contains("again");
        }
    }

    @Test
    void theGlobalLimitBoundsCallsAcrossServers() throws Exception {
        try (RunningFakeServer a = FakeMcpServer.builder().name("a").tool(FakeTool.hang("hang")).startHttp();
                RunningFakeServer b = FakeMcpServer.builder().name("b").tool(FakeTool.hang("hang"),
                        FakeTool.echo("echo")).startHttp();
                var sb = Switchboard.start(CallServers.config(1,
                        CallServers.http("a", a.url(), CallServers.bulkhead(10, Duration.ZERO)),
                        CallServers.http("b", b.url(), CallServers.bulkhead(10, Duration.ZERO))))) {
            List<Thread> running = occupy(sb, "a", 1);
            a.awaitCalls(1, WAIT);
            assertThatThrownBy(() -> sb.call("b", "echo", Map.of()))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
                        assertThat(e.getMessage()).contains("orchestration.max_concurrent_calls");
                    });
            assertThat(b.receivedCalls()).isEmpty();
            running.forEach(Thread::interrupt);
        }
    }

    /** Starts {@code n} calls that hang until their thread is interrupted. */
    private static List<Thread> occupy(Switchboard sb, String server, int n) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    sb.call(server, "hang", Map.of());
                } catch (SwitchboardException expected) {
                    // interrupted: CANCELLED
                }
            }));
        }
        return threads;
    }
}
