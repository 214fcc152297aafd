package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.CallOptions;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeServerProcess;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.ReferenceServer;
import dev.switchboard.testing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * HTTP servers restarted under open sessions, with calls in flight: Switchboard reconnects, and what the old
 * session's requests, streams and closing DELETE report after they were let go is not handed to Reactor's global
 * {@code onErrorDropped}, which logs an ERROR with a stack trace ("Operator called default onErrorDropped") for an
 * ordinary reconnect.
 */
class ReconnectsHttpServersWithoutDroppedErrorsTest {
    private static final int CALLERS = 8;
    private static final int RESTARTS = 5;
    private static final CallOptions DEADLINE = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(3));
    private static final RetryPolicy SOON = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(200)).jitter(0).build();

    private final ListAppender<ILoggingEvent> reactor = new ListAppender<>();
    private final Logger reactorLog = (Logger) LoggerFactory.getLogger("reactor");

    @BeforeEach
    void captureReactor() {
        reactor.start();
        reactorLog.addAppender(reactor);
    }

    @AfterEach
    void release() {
        reactorLog.detachAppender(reactor);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STREAMABLE_HTTP", "SSE"})
    void aFakeServerKilledAndStartedAgainUnderLoad(Transport transport) throws Exception {
        Scenario scenario = FakeMcpServer.builder().name("restarted").tool(FakeTool.echo("echo")).build();
        int port = Ports.unused();
        String path = transport == Transport.SSE ? "/sse" : "/mcp";
        var server = HttpServer.builder("restarted", URI.create("http://127.0.0.1:" + port + path))
                .transport(transport).options(ServerOptions.builder().retry(SOON).build()).build();
        FakeServerProcess child = start(transport, scenario, port);
        try (var sb = Switchboard.start(SwitchboardConfig.of(List.of(server)));
                var callers = new LoopingCallers(sb, "restarted", "echo", CALLERS, DEADLINE)) {
            for (int i = 0; i < RESTARTS; i++) {
                callers.awaitServed();
                child.close();
                child = start(transport, scenario, port);
            }
            callers.awaitServed();
        } finally {
            child.close();
        }
        assertNothingDropped();
    }

    @Test
    void aServerThatForgotTheSessionAnswersItsIdWith400() {
        ReferenceServer first = ReferenceServer.everythingStreamableHttp();
        var config = SwitchboardConfig.of(List.of(HttpServer.builder("everything", first.url()).build()));
        try (var sb = Switchboard.start(config)) {
            for (int i = 0; i < 2; i++) {
                assertThat(sb.call("everything", "echo", Map.of("message", "before")).text()).contains("before");
                first.close();
                first = ReferenceServer.everythingStreamableHttp(first.port());
                assertThat(sb.call("everything", "echo", Map.of("message", "after"), Duration.ofSeconds(30))
                        .text()).contains("after");
            }
        } finally {
            first.close();
        }
        assertNothingDropped();
    }

    private void assertNothingDropped() {
        assertThat(List.copyOf(reactor.list)).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("onErrorDropped"));
    }

    private static FakeServerProcess start(Transport transport, Scenario scenario, int port) {
        return transport == Transport.SSE ? FakeServerProcess.sse(scenario, port) : FakeServerProcess.http(scenario, port);
    }
}
