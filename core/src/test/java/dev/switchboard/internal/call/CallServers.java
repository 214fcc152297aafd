package dev.switchboard.internal.call;

import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Configurations of HTTP fake servers with given call policies, for the call tests. */
final class CallServers {
    private CallServers() {
    }

    static CallPolicy breaker(BreakerPolicy breaker) {
        CallPolicy d = CallPolicy.DEFAULT;
        return new CallPolicy(d.maxTotal(), d.progressExtendsDeadline(), d.retryAttempts(), d.retryBackoff(),
                d.maxConcurrentCalls(), d.queueWait(), breaker);
    }

    static CallPolicy bulkhead(int maxConcurrent, Duration queueWait) {
        CallPolicy d = CallPolicy.DEFAULT;
        return new CallPolicy(d.maxTotal(), d.progressExtendsDeadline(), d.retryAttempts(), d.retryBackoff(),
                maxConcurrent, queueWait, d.breaker());
    }

    static CallPolicy deadlines(Duration maxTotal, boolean progressExtends) {
        CallPolicy d = CallPolicy.DEFAULT;
        return new CallPolicy(maxTotal, progressExtends, d.retryAttempts(), d.retryBackoff(),
                d.maxConcurrentCalls(), d.queueWait(), d.breaker());
    }

    /** An HTTP server whose request timeout is the default, or {@code calls.maxTotal()} when that is lower. */
    static HttpServer http(String name, String url, CallPolicy calls) {
        ServerOptions d = ServerOptions.DEFAULT;
        Duration request = d.requestTimeout().compareTo(calls.maxTotal()) > 0 ? calls.maxTotal() : d.requestTimeout();
        var options = d.withRequestTimeout(request).withCalls(calls);
        return new HttpServer(name, options, Transport.STREAMABLE_HTTP, URI.create(url), Map.of());
    }

    static SwitchboardConfig config(ServerConfig... servers) {
        return SwitchboardConfig.of(List.of(servers));
    }

    static SwitchboardConfig config(int globalLimit, ServerConfig... servers) {
        var c = config(servers);
        return new SwitchboardConfig(c.servers(), Orchestration.DEFAULT.withMaxConcurrentCalls(globalLimit), c.logging(), c.warnings());
    }
}
