package dev.switchboard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.switchboard.cli.GlobalOptions.LogFormat;
import dev.switchboard.cli.GlobalOptions.LogLevel;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.Secrets;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback in code (the jar has no logback.xml): every line to stderr, scrubbed of secrets, as a readable
 * console line or as one JSON object per line.
 */
final class Logging {
    // Libraries under core log a lot at INFO/DEBUG that only helps when debugging Switchboard itself.
    private static final List<String> LIBRARIES = List.of("io.modelcontextprotocol", "reactor", "org.eclipse.jetty",
            "io.netty", "com.fasterxml", "org.apache");

    /**
     * What to log and how.
     *
     * @param format the line format
     * @param level the threshold for Switchboard's own events
     * @param enabled false turns every log line off
     */
    record Settings(LogFormat format, LogLevel level, boolean enabled) {
        /** WARN to the console: what a command logs before (or without) a configuration. */
        static final Settings DEFAULT = new Settings(LogFormat.console, LogLevel.warn, true);

        /** The flags win over the configuration's {@code logging:} section; an explicit --log-level also enables. */
        static Settings of(GlobalOptions flags, LogSettings fromConfig) {
            LogSettings config = fromConfig == null ? LogSettings.DEFAULT : fromConfig;
            LogFormat format = flags.logFormat != null ? flags.logFormat
                    : "json".equals(config.format()) ? LogFormat.json : LogFormat.console;
            LogLevel level = flags.logLevel != null ? flags.logLevel : LogLevel.parse(config.level());
            return new Settings(format, level, flags.logLevel != null || config.enabled());
        }

        /** As the configuration's {@code logging} section, which the library's own log events follow. */
        LogSettings asConfig() {
            return LogSettings.builder().enabled(enabled).level(level.name()).format(format.name()).build();
        }
    }

    private Logging() {
    }

    /** Replaces whatever logging was set up before; a no-op when SLF4J is not bound to Logback. */
    static void configure(PrintWriter err, Settings settings, Secrets secrets) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            configure(context, err, settings, secrets);
        }
    }

    static void configure(LoggerContext context, PrintWriter err, Settings settings, Secrets secrets) {
        context.reset();
        boolean verbose = settings.level().verbose();
        RedactingAppender appender = new RedactingAppender(err, encoder(context, settings.format(), verbose),
                secrets);
        appender.setContext(context);
        appender.setName("stderr");
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        Level level = settings.enabled() ? toLogback(settings.level()) : Level.OFF;
        root.setLevel(level);
        Level libraries = verbose || !settings.enabled() || level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        LIBRARIES.forEach(name -> context.getLogger(name).setLevel(libraries));
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format, boolean verbose) {
        Encoder<ILoggingEvent> encoder = switch (format) {
            case json -> {
                LogstashEncoder json = new LogstashEncoder();
                json.setThrowableConverter(new ThrowableText(verbose));
                yield json;
            }
            case console -> {
                ConsoleLayout layout = new ConsoleLayout(verbose);
                layout.setContext(context);
                layout.start();
                LayoutWrappingEncoder<ILoggingEvent> wrapping = new LayoutWrappingEncoder<>();
                wrapping.setLayout(layout);
                wrapping.setCharset(StandardCharsets.UTF_8);
                yield wrapping;
            }
        };
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static Level toLogback(LogLevel level) {
        return switch (level) {
            case trace -> Level.TRACE;
            case debug -> Level.DEBUG;
            case info -> Level.INFO;
            case warn -> Level.WARN;
            case error -> Level.ERROR;
        };
    }
}
