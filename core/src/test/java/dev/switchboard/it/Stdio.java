package dev.switchboard.it;

import dev.switchboard.config.RetryPolicy;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Stdio server configurations for tests, from a command line. */
final class Stdio {
    static final RetryPolicy ONE_ATTEMPT = RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(1)).jitter(0).build();

    private Stdio() {
    }

    static StdioServer server(String name, List<String> command) {
        return server(name, command, Map.of());
    }

    static StdioServer server(String name, List<String> command, Map<String, String> env) {
        ServerOptions options = ServerOptions.builder().connectTimeout(Duration.ofSeconds(30)).build();
        return StdioServer.builder(name, command.get(0)).options(options).args(command.subList(1, command.size()))
                .env(env).shutdownGrace(Duration.ofMillis(500)).build();
    }
}
