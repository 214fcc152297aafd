package dev.switchboard.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The log line for people: {@code 12:03:04.567 WARN  upstream.failed server=api error_code=UNREACHABLE}.
 *
 * <p>Core logs the event's stable name as the message and its facts as SLF4J key-value pairs; a value is quoted
 * only when it would otherwise be ambiguous. Lines from other libraries get their logger as {@code logger=...}.
 */
final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final ThrowableText throwable;
    private final boolean stackTraces;

    ConsoleLayout(boolean stackTraces) {
        this.stackTraces = stackTraces;
        this.throwable = new ThrowableText(stackTraces);
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
        sb.append(String.format("%-5s", event.getLevel())).append(' ').append(event.getFormattedMessage());
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            pairs.forEach(p -> sb.append(' ').append(p.key).append('=').append(quoted(String.valueOf(p.value))));
        }
        if (!event.getLoggerName().startsWith("dev.switchboard")) {
            sb.append(" logger=").append(event.getLoggerName());
        }
        if (event.getThrowableProxy() != null) {
            sb.append(stackTraces ? CoreConstants.LINE_SEPARATOR : " cause=")
                    .append(stackTraces ? throwable.convert(event) : quoted(throwable.convert(event)));
        }
        return sb.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    /** The value as is when it is one plain word, else in double quotes with quotes and line breaks escaped. */
    static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '=')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                + '"';
    }
}
