package dev.switchboard.it;

import dev.switchboard.config.ServerConfig;
import java.util.List;

/** Gives a test server a priority and aliases, keeping the rest of its options. */
final class Ranked {
    private Ranked() {
    }

    @SuppressWarnings("unchecked")
    static <T extends ServerConfig> T ranked(T server, int priority, String... aliases) {
        return (T) server.withOptions(server.options().toBuilder().priority(priority).aliases(List.of(aliases))
                .build());
    }
}
