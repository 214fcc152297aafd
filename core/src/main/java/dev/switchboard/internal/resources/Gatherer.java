package dev.switchboard.internal.resources;

import dev.switchboard.GatherFailure;
import dev.switchboard.GatherOptions;
import dev.switchboard.GatherResult;
import dev.switchboard.ServerResources;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.FailurePolicy;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gather across all enabled servers: each server in parallel, under its own timeout and the gather's deadline;
 * fresh every time. Logs {@code gather.start}, {@code gather.server.done} / {@code gather.server.failed},
 * {@code gather.done} or {@code gather.failed}, and counts the same numbers.
 */
final class Gatherer {
    private static final Logger log = LoggerFactory.getLogger(Gatherer.class);

    private final Servers servers;
    private final ResourcePolicy policy;
    private final Counters counters;
    private final LogGate gate;

    Gatherer(Servers servers, ResourcePolicy policy, Counters counters, LogGate gate) {
        this.servers = servers;
        this.gate = gate;
        this.policy = policy;
        this.counters = counters;
    }

    GatherResult gather(GatherOptions options) {
        FailurePolicy failure = options.failurePolicy() != null ? options.failurePolicy() : policy.failurePolicy();
        Duration perServer = options.serverTimeout() != null ? options.serverTimeout() : policy.serverTimeout();
        Duration whole = options.deadline() != null ? options.deadline() : policy.gatherTimeout();
        List<Upstream> targets = servers.enabled();
        long t0 = System.nanoTime();
        long deadline = t0 + whole.toNanos();
        counters.started();
        gate.info(log, LogEvents.GATHER_START).addKeyValue("servers", targets.size())
                .addKeyValue("policy", failure.configName()).addKeyValue("server_timeout_ms", perServer.toMillis())
                .addKeyValue("deadline_ms", whole.toMillis()).log();
        List<ServerFanOut.Outcome<ServerResources>> outcomes;
        try {
            outcomes = ServerFanOut.run(targets, deadline, whole,
                    u -> new ServerGather(u, policy, Budget.start(u, perServer, deadline, whole)).gather());
        } catch (SwitchboardException e) {
            finishFailed(t0, targets.size(), List.of(), e);
            throw e;
        }
        List<ServerResources> ok = new ArrayList<>();
        for (ServerFanOut.Outcome<ServerResources> o : outcomes) {
            if (o.ok()) {
                ok.add(o.value());
                serverDone(o.value());
            } else {
                serverFailed(o);
            }
        }
        List<GatherFailure> failed = GatherFailures.of(outcomes);
        if (failure == FailurePolicy.FAIL_FAST && !failed.isEmpty()) {
            SwitchboardException e = GatherFailures.failFast("gathering resources", targets.size(), failed);
            finishFailed(t0, targets.size(), failed, e);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        GatherResult result = new GatherResult(failure, ok, failed, took);
        counters.finished(took, false);
        gate.info(log, LogEvents.GATHER_DONE).addKeyValue("servers", ok.size())
                .addKeyValue("failed", failed.size()).addKeyValue("resources", result.resourceCount())
                .addKeyValue("bytes", result.bytes()).addKeyValue("duration_ms", took.toMillis()).log();
        return result;
    }

    private void serverDone(ServerResources s) {
        counters.server(s.resources().size(), s.bytes());
        gate.info(log, LogEvents.GATHER_SERVER_DONE).addKeyValue("server", s.server())
                .addKeyValue("resources", s.resources().size()).addKeyValue("bytes", s.bytes())
                .addKeyValue("incomplete", s.incomplete())
                .addKeyValue("truncated", s.resources().stream().filter(r -> r.truncated()).count())
                .addKeyValue("duration_ms", s.duration().toMillis()).log();
    }

    private void serverFailed(ServerFanOut.Outcome<?> o) {
        counters.serverFailed();
        gate.warn(log, LogEvents.GATHER_SERVER_FAILED).addKeyValue("server", o.server().name())
                .addKeyValue("error_code", o.error().code().name())
                .addKeyValue("duration_ms", o.duration().toMillis())
                .addKeyValue("message", o.error().getMessage()).log();
    }

    private void finishFailed(long t0, int targets, List<GatherFailure> failed, SwitchboardException e) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        counters.finished(took, true);
        gate.warn(log, LogEvents.GATHER_FAILED).addKeyValue("servers", targets)
                .addKeyValue("failed", failed.stream().map(GatherFailure::server).toList())
                .addKeyValue("error_code", e.code().name()).addKeyValue("duration_ms", took.toMillis())
                .addKeyValue("message", e.getMessage()).log();
    }
}
