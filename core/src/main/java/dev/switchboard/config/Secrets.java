package dev.switchboard.config;

import dev.switchboard.internal.observe.Redactor;
import java.util.List;

/** Hands the secret values of a loaded configuration to the {@link Redactor}, so later logs never show them. */
final class Secrets {
    private Secrets() {
    }

    static void remember(List<ServerConfig> servers) {
        for (ServerConfig server : servers) {
            Redactor.rememberNamed(switch (server) {
                case StdioServer s -> s.env();
                case HttpServer h -> h.headers();
            });
        }
    }
}
