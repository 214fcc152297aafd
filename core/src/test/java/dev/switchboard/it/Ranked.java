package dev.switchboard.it;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import java.util.List;

/** Gives a test server a priority and aliases (the options records have no wither for them). */
final class Ranked {
    private Ranked() {
    }

    @SuppressWarnings("unchecked")
    static <T extends ServerConfig> T ranked(T server, int priority, String... aliases) {
        ServerOptions o = server.options();
        return (T) server.withOptions(new ServerOptions(o.description(), o.enabled(), o.required(), priority,
                o.domains(), o.capabilities(), List.of(aliases), o.connectTimeout(), o.requestTimeout(), o.retry(),
                o.tools(), o.health(), o.restart(), o.calls()));
    }
}
