package dev.switchboard.internal.upstream;

import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** A server's own log messages, logged as {@code upstream.server_log} events at their own level. */
final class ServerLogs {
    private ServerLogs() {
    }

    /** A server's own log message ({@code notifications/message}), at its level, tagged with the server. */
    static void log(LogGate gate, Logger log, String server, McpSchema.LoggingMessageNotification m, Masker masker) {
        Level level = switch (m.level()) {
            case DEBUG -> Level.DEBUG;
            case INFO, NOTICE -> Level.INFO;
            case WARNING -> Level.WARN;
            default -> Level.ERROR;
        };
        gate.at(log, level, LogEvents.UPSTREAM_SERVER_LOG).addKeyValue("server", server)
                .addKeyValue("logger", m.logger())
                .addKeyValue("data", masker.mask(String.valueOf(m.data()))).log();
    }
}
