package dev.switchboard.internal.upstream;

import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Structured log events: the message is the event's stable name ({@code upstream.ready}) and everything else is a
 * key-value field, so JSON logs can be queried and console logs read alike.
 */
final class Events {
    private Events() {
    }

    static LoggingEventBuilder info(Logger log, String event) {
        return log.atInfo().setMessage(event);
    }

    static LoggingEventBuilder warn(Logger log, String event) {
        return log.atWarn().setMessage(event);
    }

    /** A server's own log message ({@code notifications/message}), at its level, tagged with the server. */
    static void serverLog(Logger log, String server, McpSchema.LoggingMessageNotification m) {
        Level level = switch (m.level()) {
            case DEBUG -> Level.DEBUG;
            case INFO, NOTICE -> Level.INFO;
            case WARNING -> Level.WARN;
            default -> Level.ERROR;
        };
        log.atLevel(level).setMessage("upstream.server_log").addKeyValue("server", server)
                .addKeyValue("logger", m.logger())
                .addKeyValue("data", dev.switchboard.internal.observe.Redactor.scrub(String.valueOf(m.data()))).log();
    }
}
