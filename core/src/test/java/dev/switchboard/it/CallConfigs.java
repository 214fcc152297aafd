package dev.switchboard.it;

import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Server configurations for call tests: HTTP and stdio servers with a given call policy. */
final class CallConfigs {
    private CallConfigs() {
    }

    /**
     * Up to {@code n} calls at once per server, waiting up to 10 s for a slot; {@code retryBackoff} between tries;
     * a breaker that does not open within the {@value #LENIENT_WINDOW} calls of a test.
     */
    static CallPolicy concurrent(int n, Duration retryBackoff) {
        CallPolicy d = CallPolicy.DEFAULT;
        return new CallPolicy(d.maxTotal(), d.progressExtendsDeadline(), d.retryAttempts(), retryBackoff, n,
                Duration.ofSeconds(10), new BreakerPolicy(LENIENT_WINDOW, 100, LENIENT_WINDOW, Duration.ofSeconds(60),
                        1));
    }

    static final int LENIENT_WINDOW = 20_000;

    static HttpServer http(String name, String url, CallPolicy calls) {
        return new HttpServer(name, ServerOptions.DEFAULT.withCalls(calls), Transport.STREAMABLE_HTTP,
                URI.create(url), Map.of());
    }

    static ServerConfig stdio(String name, List<String> command, CallPolicy calls) {
        var s = Stdio.server(name, command);
        return s.withOptions(s.options().withCalls(calls));
    }

    static SwitchboardConfig of(ServerConfig... servers) {
        return SwitchboardConfig.of(List.of(servers));
    }
}
