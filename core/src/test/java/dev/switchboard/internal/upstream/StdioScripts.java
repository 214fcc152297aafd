package dev.switchboard.internal.upstream;

import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.config.StdioServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Small bash "servers" and helpers for the stdio transport tests. */
final class StdioScripts {
    /** Generous upper bound for anything that should happen promptly; tests never wait this long when passing. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    private StdioScripts() {
    }

    static StdioServer bash(String name, String script, String... extraArgs) {
        return bash(name, script, Map.of(), List.of(), false, null, extraArgs);
    }

    static StdioServer bash(String name, String script, Map<String, String> env, List<String> passEnv,
            boolean inheritEnv, Path cwd, String... extraArgs) {
        List<String> args = new java.util.ArrayList<>(List.of("-c", script));
        args.addAll(List.of(extraArgs));
        return StdioServer.builder(name, "bash").args(args).env(env).passEnv(passEnv).inheritEnv(inheritEnv).cwd(cwd)
                .shutdownGrace(Duration.ofMillis(200)).build();
    }

    /** Short waits, so that tests of the kill path take well under a few seconds. */
    static StdioTimings fastTimings() {
        return new StdioTimings(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(3),
                Duration.ofMillis(500));
    }

    static StdioProcessTransport transport(StdioServer server) {
        return new StdioProcessTransport(server, McpJsonDefaults.getMapper(), fastTimings(), Masker.URLS_ONLY,
                LogGate.ALL);
    }

    /** An inbound handler that collects what the transport delivers. */
    static final class Inbox implements Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> {
        private final LinkedBlockingQueue<JSONRPCMessage> messages = new LinkedBlockingQueue<>();

        @Override
        public Mono<JSONRPCMessage> apply(Mono<JSONRPCMessage> mono) {
            return mono.doOnNext(messages::add);
        }

        /** The next message, waiting at most {@link #PROMPTLY}; fails the test when none comes. */
        JSONRPCMessage next() throws InterruptedException {
            JSONRPCMessage m = messages.poll(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no message within " + PROMPTLY);
            }
            return m;
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Whether the process is gone, waiting up to {@link #PROMPTLY} for it. A killed grandchild is re-parented to
     * init and stays a zombie (which {@code isAlive()} reports as alive) until init reaps it, which can take a moment.
     */
    static boolean gone(long pid) {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return !handle.get().isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !handle.get().isAlive();
    }
}
