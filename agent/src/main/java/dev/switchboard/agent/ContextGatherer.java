package dev.switchboard.agent;

import dev.switchboard.GatherFailure;
import dev.switchboard.Resolution;
import dev.switchboard.ResourceItem;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The first half of a query: finds the entities the question names, resolves each to its authoritative server, and
 * reads the winners' resources within the context budget. What fails is noted as a problem and left out, so the
 * model still gets the question and whatever context could be read.
 */
final class ContextGatherer {
    private final Switchboard switchboard;
    private final int maxEntities;
    private final long maxContextBytes;

    ContextGatherer(Switchboard switchboard, int maxEntities, long maxContextBytes) {
        this.switchboard = switchboard;
        this.maxEntities = maxEntities;
        this.maxContextBytes = maxContextBytes;
    }

    /** Fills {@code answer}'s entities, context and problems for {@code question}. */
    void gather(String question, String domain, Answer.Builder answer) {
        List<ResolvedEntity> entities = new ArrayList<>();
        for (String name : EntityFinder.find(question, switchboard.resources(), maxEntities)) {
            Resolution r;
            try {
                r = switchboard.resolve(name, domain);
            } catch (SwitchboardException e) {
                answer.addProblem("Could not resolve '" + name + "' (" + e.code() + "): " + e.getMessage());
                continue;
            }
            for (GatherFailure f : r.failures()) {
                answer.addProblem("Server '" + f.server() + "' did not answer while resolving '" + name + "' ("
                        + f.code() + "): " + f.message());
            }
            // No winner: the name belongs to a server outside the domain hint; it is not this question's entity.
            r.winner().ifPresent(w -> entities.add(Resolutions.of(r, w)));
        }
        answer.entities(entities);
        answer.context(read(entities, answer));
    }

    private List<ContextItem> read(List<ResolvedEntity> entities, Answer.Builder answer) {
        ContextBudget budget = new ContextBudget(maxContextBytes);
        Set<String> read = new HashSet<>();
        List<ContextItem> context = new ArrayList<>();
        for (ResolvedEntity e : entities) {
            if (!read.add(e.qualifiedUri())) {
                continue;
            }
            if (budget.exhausted()) {
                answer.addProblem("Left out " + e.qualifiedUri() + " for '" + e.entity() + "': the context is full"
                        + " (max context bytes " + maxContextBytes + "); raise it to include more.");
                continue;
            }
            try {
                ResourceItem item = switchboard.readResource(e.qualifiedUri());
                String full = item.text().orElse("[" + (item.mimeType() == null ? "binary" : item.mimeType())
                        + " content, not shown]");
                String kept = budget.take(full);
                context.add(new ContextItem(e.entity(), e.server(), e.uri(), kept,
                        item.truncated() || kept.length() < full.length()));
            } catch (SwitchboardException ex) {
                answer.addProblem("Could not read " + e.qualifiedUri() + " for '" + e.entity() + "' (" + ex.code()
                        + "): " + ex.getMessage());
            }
        }
        return context;
    }
}
