package dev.switchboard.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of this JVM while open, Switchboard's down to DEBUG, each as one line of text with its fields. */
final class CapturedLogs implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("dev.switchboard");
    private final Level oursBefore = ours.getLevel();

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
    }

    /** The events so far, as {@code LEVEL message key=value ... throwable}. */
    List<String> lines() {
        return List.copyOf(appender.list).stream().map(CapturedLogs::line).toList();
    }

    private static String line(ILoggingEvent e) {
        StringBuilder out = new StringBuilder(e.getLevel() + " " + e.getFormattedMessage());
        if (e.getKeyValuePairs() != null) {
            e.getKeyValuePairs().forEach(kv -> out.append(' ').append(kv.key).append('=').append(kv.value));
        }
        if (e.getThrowableProxy() != null) {
            out.append(' ').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        return out.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        ours.setLevel(oursBefore);
    }
}
