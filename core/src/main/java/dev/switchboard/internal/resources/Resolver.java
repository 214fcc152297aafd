package dev.switchboard.internal.resources;

import dev.switchboard.GatherFailure;
import dev.switchboard.Resolution;
import dev.switchboard.ResolutionCandidate;
import dev.switchboard.config.FailurePolicy;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which server is the authority for an entity: lists (fresh) the resources of the servers that serve the
 * domain, and ranks every match by how it matched, then server priority, then similarity. Several servers having
 * the entity is a conflict, logged with the winner and the losers.
 */
final class Resolver {
    private static final Logger log = LoggerFactory.getLogger(Resolver.class);
    private static final Comparator<Ranked> BEST_FIRST = Comparator
            .comparing((Ranked r) -> r.candidate().match())
            .thenComparingInt(r -> r.candidate().priority())
            .thenComparing(Comparator.comparingDouble((Ranked r) -> r.candidate().score()).reversed())
            .thenComparingInt(Ranked::order);

    private record Ranked(ResolutionCandidate candidate, int order) {
    }

    private final Servers servers;
    private final ResourcePolicy policy;
    private final LogGate gate;

    Resolver(Servers servers, ResourcePolicy policy, LogGate gate) {
        this.servers = servers;
        this.gate = gate;
        this.policy = policy;
    }

    Resolution resolve(String entity, String domain) {
        long t0 = System.nanoTime();
        List<Upstream> targets = servers.serving(domain);
        Duration whole = policy.gatherTimeout();
        long deadline = t0 + whole.toNanos();
        List<ServerFanOut.Outcome<List<McpSchema.Resource>>> outcomes = ServerFanOut.run(targets, deadline, whole,
                u -> ServerGather.offersResources(u) ? Listings.resources(u, Budget.start(u, policy.serverTimeout(),
                        deadline, whole), policy.maxResourcesPerServer()).items() : List.of());
        List<GatherFailure> failed = GatherFailures.of(outcomes);
        if (policy.failurePolicy() == FailurePolicy.FAIL_FAST && !failed.isEmpty()) {
            throw GatherFailures.failFast("resolving '" + entity + "'", targets.size(), failed);
        }
        EntityMatcher matcher = new EntityMatcher(entity, policy.fuzzyThreshold());
        List<Ranked> ranked = new ArrayList<>();
        for (ServerFanOut.Outcome<List<McpSchema.Resource>> o : outcomes) {
            if (!o.ok()) {
                continue;
            }
            int priority = o.server().config().options().priority();
            for (McpSchema.Resource r : o.value()) {
                Optional<EntityMatcher.Match> m = matcher.match(r);
                m.ifPresent(match -> ranked.add(new Ranked(new ResolutionCandidate(o.server().name(), priority, r,
                        match.kind(), match.score()), ranked.size())));
            }
        }
        List<ResolutionCandidate> candidates = ranked.stream().sorted(BEST_FIRST).map(Ranked::candidate).toList();
        Resolution resolution = new Resolution(entity, domain, candidates, failed);
        report(resolution, targets.size(), Duration.ofNanos(System.nanoTime() - t0));
        return resolution;
    }

    private void report(Resolution r, int asked, Duration took) {
        if (r.winner().isEmpty()) {
            gate.info(log, LogEvents.RESOLVE_NO_MATCH).addKeyValue("entity", r.entity())
                    .addKeyValue("domain", r.domain()).addKeyValue("servers", asked)
                    .addKeyValue("failed", r.failures().size()).addKeyValue("duration_ms", took.toMillis()).log();
            return;
        }
        ResolutionCandidate w = r.winner().get();
        List<String> losers = r.others().stream().filter(c -> !c.server().equals(w.server()))
                .map(Resolver::describe).toList();
        if (!losers.isEmpty()) {
            gate.warn(log, LogEvents.RESOLVE_CONFLICT).addKeyValue("entity", r.entity())
                    .addKeyValue("domain", r.domain()).addKeyValue("winner", describe(w))
                    .addKeyValue("losers", losers).log();
        }
        gate.info(log, LogEvents.RESOLVE_DONE).addKeyValue("entity", r.entity()).addKeyValue("domain", r.domain())
                .addKeyValue("server", w.server()).addKeyValue("uri", w.resource().uri())
                .addKeyValue("match", w.match().name()).addKeyValue("score", w.score())
                .addKeyValue("candidates", r.candidates().size()).addKeyValue("failed", r.failures().size())
                .addKeyValue("duration_ms", took.toMillis()).log();
    }

    private static String describe(ResolutionCandidate c) {
        return c.server() + "(priority " + c.priority() + ")+" + c.resource().uri() + " " + c.match()
                + String.format(java.util.Locale.ROOT, " %.3f", c.score());
    }
}
