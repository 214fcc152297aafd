package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.Switchboard;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.ReferenceServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Closing the reference server-everything is not a failure: the requests it sends while it is being closed (it asks
 * for roots when it starts) are dropped quietly, so no warning with a stack trace is logged.
 */
class ClosesAReferenceServerQuietlyTest {

    @Test
    void startingAndClosingLogsNoWarningWithAStackTrace() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        try {
            var config = SwitchboardConfig.of(List.of(Stdio.server("everything", ReferenceServer.everythingStdio())));
            for (int i = 0; i < 3; i++) {
                try (var sb = Switchboard.start(config)) {
                    assertThat(sb.call("everything", "echo", Map.of("message", "hi")).text()).contains("hi");
                }
            }
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filteredOn(e -> e.getThrowableProxy() != null)
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
