package dev.switchboard.agent;

import dev.switchboard.Switchboard;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/** Server configurations and Switchboards for this module's tests. */
final class Servers {
    private Servers() {
    }

    static ServerConfig http(String name, RunningFakeServer server) {
        return HttpServer.of(name, URI.create(server.url()));
    }

    static ServerConfig http(String name, RunningFakeServer server, CallPolicy calls) {
        return HttpServer.builder(name, URI.create(server.url()))
                .options(ServerOptions.builder().calls(calls).build()).build();
    }

    static ServerConfig stdio(String name, List<String> command) {
        return StdioServer.builder(name, command.get(0)).args(command.subList(1, command.size()))
                .options(ServerOptions.builder().connectTimeout(Duration.ofSeconds(30)).build())
                .shutdownGrace(Duration.ofMillis(500)).build();
    }

    /**
     * Starts a Switchboard on {@code servers} whose waits between connection attempts never end (until it closes):
     * a server that failed stays down for the whole test, and no test waits for a backoff.
     */
    static Switchboard start(ServerConfig... servers) {
        return Switchboard.builder(SwitchboardConfig.of(List.of(servers)))
                .sleeper(d -> new Semaphore(0).acquire()).start();
    }
}
