package dev.switchboard.it;

import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Server configurations for call tests: HTTP and stdio servers with a given call policy. */
final class CallConfigs {
    private CallConfigs() {
    }

    /**
     * Up to {@code n} calls at once per server, waiting up to 10 s for a slot; {@code retryBackoff} between tries;
     * a breaker that does not open within the {@value #LENIENT_WINDOW} calls of a test.
     */
    static CallPolicy concurrent(int n, Duration retryBackoff) {
        var breaker = BreakerPolicy.builder().failureThreshold(LENIENT_WINDOW).failureRate(100).window(LENIENT_WINDOW)
                .openFor(Duration.ofSeconds(60)).halfOpenCalls(1).build();
        return CallPolicy.builder().retryBackoff(retryBackoff).maxConcurrentCalls(n).queueWait(Duration.ofSeconds(10))
                .breaker(breaker).build();
    }

    static final int LENIENT_WINDOW = 20_000;

    static HttpServer http(String name, String url, CallPolicy calls) {
        return HttpServer.builder(name, URI.create(url)).options(ServerOptions.builder().calls(calls).build()).build();
    }

    static ServerConfig stdio(String name, List<String> command, CallPolicy calls) {
        var s = Stdio.server(name, command);
        return s.withOptions(s.options().toBuilder().calls(calls).build());
    }

    static SwitchboardConfig of(ServerConfig... servers) {
        return SwitchboardConfig.of(List.of(servers));
    }
}
