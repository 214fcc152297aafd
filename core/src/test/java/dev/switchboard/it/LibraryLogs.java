package dev.switchboard.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the library's own loggers while open, with Logback letting everything through (TRACE),
 * so that only Switchboard's own {@code logging} settings decide what is seen.
 */
final class LibraryLogs implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard.internal");
    private final Level previous = logger.getLevel();

    LibraryLogs() {
        logger.setLevel(Level.TRACE);
        appender.start();
        logger.addAppender(appender);
    }

    List<ILoggingEvent> all() {
        return List.copyOf(appender.list);
    }

    /** The events with this name (the message), oldest first. */
    List<ILoggingEvent> named(String event) {
        return all().stream().filter(e -> e.getMessage().equals(event)).toList();
    }

    /** The events about this server (their {@code server} field), oldest first. */
    List<ILoggingEvent> about(String server) {
        return all().stream().filter(e -> server.equals(field(e, "server"))).toList();
    }

    static String field(ILoggingEvent e, String key) {
        return e.getKeyValuePairs() == null ? null : e.getKeyValuePairs().stream().filter(kv -> kv.key.equals(key))
                .map(kv -> Objects.toString(kv.value, null)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
