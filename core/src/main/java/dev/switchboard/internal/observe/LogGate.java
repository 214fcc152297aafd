package dev.switchboard.internal.observe;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.spi.NOPLoggingEventBuilder;

/**
 * Which log events of one running Switchboard are emitted: none under {@code logging.enabled: false}, else those at
 * or above {@code logging.level}. Loggers are static and shared by every instance in the JVM, so the configuration
 * of one instance can only be honoured here, before SLF4J; the application's logging framework still decides what
 * it writes of what passes (the library never configures that framework). An event held back gets a builder that
 * does nothing, so that call sites keep their fluent form: {@code gate.info(log, UPSTREAM_READY).addKeyValue(...)
 * .log()}.
 */
@FunctionalInterface
public interface LogGate {
    /**
     * Lets every event through: for code that belongs to no instance (the JVM's shutdown hook, shared by all of
     * them) and for tests of one part on its own.
     */
    LogGate ALL = level -> true;

    /** Whether events at {@code level} are emitted. */
    boolean allows(Level level);

    /**
     * The gate of a configuration's {@code logging} section (this package imports nothing of Switchboard, so it is
     * given the section's two values).
     *
     * @param level TRACE, DEBUG, INFO, WARN or ERROR, as the {@code LogSettings} constructor has checked
     */
    static LogGate of(boolean enabled, String level) {
        if (!enabled) {
            return lvl -> false;
        }
        int threshold = Level.valueOf(level).toInt();
        return lvl -> lvl.toInt() >= threshold;
    }

    default LoggingEventBuilder debug(Logger log, String event) {
        return at(log, Level.DEBUG, event);
    }

    default LoggingEventBuilder info(Logger log, String event) {
        return at(log, Level.INFO, event);
    }

    default LoggingEventBuilder warn(Logger log, String event) {
        return at(log, Level.WARN, event);
    }

    /** The event, named by its {@link LogEvents} constant, at {@code level}; a no-op builder when held back. */
    default LoggingEventBuilder at(Logger log, Level level, String event) {
        return allows(level) ? log.atLevel(level).setMessage(event) : NOPLoggingEventBuilder.singleton();
    }
}
