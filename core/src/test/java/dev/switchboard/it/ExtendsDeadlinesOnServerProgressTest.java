package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallOptions;
import dev.switchboard.CallProgress;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real server's {@code notifications/progress} reach the caller's callback and move the deadline of the caller
 * waiting for the answer, so a long call that keeps reporting is not killed; without extension the call times out
 * and the server hears {@code notifications/cancelled}. The tool reports 4 steps 200 ms apart (0.8 s in all)
 * against a 700 ms timeout: every gap fits the timeout, the whole call does not. Each case runs on a platform thread (which waits with a timed get) and on a virtual
 * thread (which parks untimed while the server's deadline watch looks after its deadline). The deadline rules
 * themselves ({@code max_total} included) are unit-tested in {@code internal.call.ProgressExtendsTheDeadlineTest}.
 */
class ExtendsDeadlinesOnServerProgressTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private RunningFakeServer server;

    @BeforeEach
    void start() {
        server = FakeMcpServer.builder().name("worker").tool(FakeTool.progress("crunch", 4, Duration.ofMillis(200)))
                .startHttp();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Switchboard switchboard(boolean extend) {
        var policy = CallPolicy.builder().maxTotal(Duration.ofMinutes(1)).progressExtendsDeadline(extend).build();
        return Switchboard.start(CallConfigs.of(CallConfigs.http("worker", server.url(), policy)));
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void progressReachesTheCallbackAndKeepsALongCallAlive(Caller caller) {
        List<CallProgress> seen = new CopyOnWriteArrayList<>();
        try (var sb = switchboard(true)) {
            ToolResult r = caller.run(() -> sb.call(ToolCall.of("worker", "crunch", Map.of()),
                    CallOptions.DEFAULT.withTimeout(TIMEOUT).withProgress(seen::add)));
            assertThat(r.text()).contains("done after 4 steps");
            assertThat(r.duration()).isGreaterThan(TIMEOUT);
        }
        assertThat(seen).extracting(CallProgress::progress).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(seen.get(0).total()).isEqualTo(4.0);
        assertThat(seen.get(0).message()).isEqualTo("step 1/4");
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void withoutExtensionTheSameCallTimesOutAndIsCancelledOnTheServer(Caller caller) throws Exception {
        List<CallProgress> seen = new CopyOnWriteArrayList<>();
        try (var sb = switchboard(false)) {
            assertThatThrownBy(() -> caller.run(() -> sb.call(ToolCall.of("worker", "crunch", Map.of()),
                    CallOptions.DEFAULT.withTimeout(TIMEOUT).withProgress(seen::add))))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
            assertThat(server.awaitCancellations(1, Duration.ofSeconds(10))).hasSize(1);
        }
        assertThat(seen).isNotEmpty().hasSizeLessThan(4);
    }

    /** The kind of thread that makes the call. */
    enum Caller {
        PLATFORM, VIRTUAL;

        ToolResult run(Supplier<ToolResult> call) {
            if (this == PLATFORM) {
                return call.get();
            }
            var result = new AtomicReference<ToolResult>();
            var failure = new AtomicReference<RuntimeException>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    result.set(call.get());
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return result.get();
        }
    }
}
