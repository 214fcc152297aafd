package dev.switchboard.it;

import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Stdio server configurations for tests, from a command line. */
final class Stdio {
    static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 0);

    private Stdio() {
    }

    static StdioServer server(String name, List<String> command) {
        return server(name, command, Map.of());
    }

    static StdioServer server(String name, List<String> command, Map<String, String> env) {
        ServerOptions options = ServerOptions.DEFAULT.withConnectTimeout(Duration.ofSeconds(30));
        return new StdioServer(name, options, command.get(0), command.subList(1, command.size()), env, List.of(),
                false, null, Duration.ofMillis(500));
    }
}
