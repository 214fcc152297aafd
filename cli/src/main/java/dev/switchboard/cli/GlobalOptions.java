package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options every subcommand takes: how to log, and settings that override the configuration file. */
final class GlobalOptions {

    /** How log lines look. */
    enum LogFormat {
        console, json
    }

    /** The levels a user may ask for. */
    enum LogLevel {
        trace, debug, info, warn, error;

        /** Whether this level asks for the detail meant for developers (stack traces, library internals). */
        boolean verbose() {
            return this == trace || this == debug;
        }

        static LogLevel parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "trace" -> trace;
                case "debug" -> debug;
                case "info" -> info;
                case "error" -> error;
                default -> warn; // the loader only lets valid levels through; WARN is its default
            };
        }
    }

    @Option(names = "--log-format", order = 100, paramLabel = "console|json",
            description = "Log line format on stderr (default: the configuration's logging.format, else console).")
    LogFormat logFormat;

    @Option(names = "--log-level", order = 101, paramLabel = "LEVEL",
            description = "trace, debug, info, warn or error (default: the configuration's logging.level, else warn)."
                    + " debug and trace also show stack traces.")
    LogLevel logLevel;

    @Option(names = "--set", order = 102, paramLabel = "KEY=VALUE",
            description = "Override a configuration setting, e.g. servers.x.enabled=false (repeatable).")
    List<String> overrides = new ArrayList<>();

    /**
     * The logging flags as configuration settings, to be applied after the {@code --set} ones: the flags win over
     * the file for the library's own log events too (which follow the configuration, not Logback), on every reload
     * as well. An explicit --log-level also enables logging.
     */
    List<String> loggingSettings() {
        List<String> settings = new ArrayList<>();
        if (logLevel != null) {
            settings.add("logging.level=" + logLevel);
            settings.add("logging.enabled=true");
        }
        if (logFormat != null) {
            settings.add("logging.format=" + logFormat);
        }
        return settings;
    }

    /** Whether the user asked for developer detail. */
    boolean verbose() {
        return logLevel != null && logLevel.verbose();
    }
}
