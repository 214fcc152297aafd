package dev.switchboard;

import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.observe.Redactor;
import dev.switchboard.internal.upstream.Upstream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How {@link Switchboard#start} brings every server up and decides whether the start failed. */
final class Startup {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    private Startup() {
    }

    /**
     * Starts every connection in parallel and waits until each has settled (ready, failed for good, or out of
     * startup attempts).
     *
     * @throws SwitchboardException when {@code failOnRequired} and a required server is not ready: one error naming
     *     every such server; the caller closes what was started
     */
    static void connectAll(List<Upstream> upstreams, boolean failOnRequired) {
        log.atInfo().setMessage("switchboard.starting").addKeyValue("servers", upstreams.size()).log();
        upstreams.forEach(Upstream::start);
        List<CompletableFuture<ServerStatus>> all = upstreams.stream().map(Upstream::settled).toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.CANCELLED, "start was interrupted");
        } catch (ExecutionException e) {
            throw new SwitchboardException(ErrorCode.INTERNAL, null, null, "start failed: " + e.getCause(), e);
        }
        List<ServerStatus> statuses = upstreams.stream().map(Upstream::status).toList();
        List<ServerStatus> failedRequired = statuses.stream()
                .filter(s -> s.required() && s.state() != ServerState.READY && s.state() != ServerState.DISABLED)
                .toList();
        if (failOnRequired && !failedRequired.isEmpty()) {
            throw startupFailure(failedRequired);
        }
        log.atInfo().setMessage("switchboard.started")
                .addKeyValue("ready", statuses.stream().filter(ServerStatus::ready).count())
                .addKeyValue("servers", upstreams.size()).log();
    }

    private static SwitchboardException startupFailure(List<ServerStatus> failed) {
        StringBuilder sb = new StringBuilder(failed.size() == 1 ? "a required server" : failed.size()
                + " required servers").append(" could not be connected:");
        for (ServerStatus s : failed) {
            ErrorInfo e = s.lastError();
            sb.append("\n  ").append(s.name()).append(": ")
                    .append(e == null ? s.state().name() : e.code() + " " + e.message());
        }
        ErrorInfo first = failed.get(0).lastError();
        return new SwitchboardException(first == null ? ErrorCode.SERVER_UNAVAILABLE : first.code(),
                failed.size() == 1 ? failed.get(0).name() : null, null, sb.toString(), null);
    }

    /** Secrets of the configuration are scrubbed from every later log line and message. */
    static void rememberSecrets(SwitchboardConfig config) {
        for (ServerConfig s : config.servers()) {
            Redactor.rememberNamed(switch (s) {
                case StdioServer st -> st.env();
                case HttpServer h -> h.headers();
            });
        }
    }
}
