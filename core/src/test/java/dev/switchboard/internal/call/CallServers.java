package dev.switchboard.internal.call;

import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Configurations of HTTP fake servers with given call policies, for the call tests. */
final class CallServers {
    private CallServers() {
    }

    static CallPolicy breaker(BreakerPolicy breaker) {
        return CallPolicy.builder().breaker(breaker).build();
    }

    static CallPolicy bulkhead(int maxConcurrent, Duration queueWait) {
        return CallPolicy.builder().maxConcurrentCalls(maxConcurrent).queueWait(queueWait).build();
    }

    static CallPolicy deadlines(Duration maxTotal, boolean progressExtends) {
        return CallPolicy.builder().maxTotal(maxTotal).progressExtendsDeadline(progressExtends).build();
    }

    /** An HTTP server whose request timeout is the default, or {@code calls.maxTotal()} when that is lower. */
    static HttpServer http(String name, String url, CallPolicy calls) {
        ServerOptions d = ServerOptions.DEFAULT;
        Duration request = d.requestTimeout().compareTo(calls.maxTotal()) > 0 ? calls.maxTotal() : d.requestTimeout();
        var options = d.toBuilder().requestTimeout(request).calls(calls).build();
        return HttpServer.builder(name, URI.create(url)).options(options).build();
    }

    static SwitchboardConfig config(ServerConfig... servers) {
        return SwitchboardConfig.of(List.of(servers));
    }

    static SwitchboardConfig config(int globalLimit, ServerConfig... servers) {
        return SwitchboardConfig.builder().servers(List.of(servers))
                .orchestration(Orchestration.builder().maxConcurrentCalls(globalLimit).build()).build();
    }
}
