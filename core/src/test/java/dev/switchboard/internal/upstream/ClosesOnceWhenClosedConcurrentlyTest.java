package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.ServerState;
import dev.switchboard.config.StdioServer;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.spi.Sleeper;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Closing a connection from many threads at once closes it once, and every caller returns only when it is closed:
 * its process gone and its state CLOSED.
 */
class ClosesOnceWhenClosedConcurrentlyTest {
    private static final int CLOSERS = 8;

    @Test
    void oneCloseRunsAndEveryCallerWaitsForIt() throws Exception {
        var scenario = FakeMcpServer.builder().name("shared").tool(FakeTool.echo("echo")).build();
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        var config = StdioServer.of("shared", command.get(0), command.subList(1, command.size()));
        List<ServerState> reported = new CopyOnWriteArrayList<>();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Upstream.class);
        logged.start();
        logger.addAppender(logged);
        try {
            Upstream u = new Upstream(config, Clock.systemUTC(), Sleeper.SYSTEM, s -> reported.add(s.state()));
            u.start();
            assertThat(u.settled().get().state()).isEqualTo(ServerState.READY);
            long pid = ProcessHandle.current().descendants().findFirst().orElseThrow().pid();

            CountDownLatch go = new CountDownLatch(1);
            List<Future<ServerState>> seenOnReturn;
            try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
                seenOnReturn = IntStream.range(0, CLOSERS).mapToObj(i -> exec.submit(() -> {
                    go.await();
                    u.close();
                    return u.status().state();
                })).toList();
                go.countDown();
            }

            assertThat(seenOnReturn).extracting(Future::resultNow).containsOnly(ServerState.CLOSED);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(logged.list).filteredOn(e -> e.getMessage().equals(LogEvents.UPSTREAM_CLOSED)).hasSize(1);
            assertThat(reported).filteredOn(s -> s == ServerState.CLOSED).hasSize(1);
        } finally {
            logger.detachAppender(logged);
        }
    }
}
