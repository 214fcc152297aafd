package dev.switchboard.config;

import java.util.Locale;
import java.util.Optional;

/** How Switchboard talks to a server: a child process over stdio, Streamable HTTP, or the legacy HTTP+SSE. */
public enum Transport {
    STDIO("stdio"),
    STREAMABLE_HTTP("streamable-http"),
    SSE("sse");

    private final String configName;

    Transport(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files and output. */
    public String configName() {
        return configName;
    }

    /** Parses a configured name; accepts the common spellings ({@code http}, {@code streamableHttp}, ...). */
    public static Optional<Transport> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "stdio" -> Optional.of(STDIO);
            case "streamable-http", "streamablehttp", "http", "streamable" -> Optional.of(STREAMABLE_HTTP);
            case "sse", "http+sse" -> Optional.of(SSE);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return configName;
    }
}
