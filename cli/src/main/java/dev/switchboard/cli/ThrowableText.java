package dev.switchboard.cli;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;

/**
 * Renders the exception of a log event: the whole stack trace at debug and trace, otherwise only the chain of
 * {@code Type: message} (users get the cause, not 80 lines of frames).
 */
final class ThrowableText extends ThrowableHandlingConverter {
    private final boolean stackTraces;

    ThrowableText(boolean stackTraces) {
        this.stackTraces = stackTraces;
    }

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        if (t == null) {
            return "";
        }
        return stackTraces ? ThrowableProxyUtil.asString(t) : summary(t);
    }

    static String summary(IThrowableProxy t) {
        StringBuilder sb = new StringBuilder();
        for (IThrowableProxy p = t; p != null; p = p.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(p.getClassName()).append(": ").append(p.getMessage());
        }
        return sb.toString();
    }
}
