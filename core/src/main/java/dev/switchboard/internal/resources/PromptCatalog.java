package dev.switchboard.internal.resources;

import dev.switchboard.ErrorCode;
import dev.switchboard.NamedPrompt;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.internal.util.Suggestions;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompts across servers, listed fresh, named as tools are. A prompt is listed under its own name when no other
 * server has one of that name, else as {@code <server><separator><name>}; the qualified form always works, and a
 * bare name several servers share goes to the highest-priority one (ties by configuration order).
 */
final class PromptCatalog {
    private final Servers servers;
    private final ResourcePolicy policy;
    private final String separator;
    private final LogGate gate;

    PromptCatalog(Servers servers, ResourcePolicy policy, String separator, LogGate gate) {
        this.servers = servers;
        this.gate = gate;
        this.policy = policy;
        this.separator = separator;
    }

    List<NamedPrompt> list() {
        List<ServerFanOut.Outcome<List<McpSchema.Prompt>>> listed = Across.collect(servers.enabled(), policy,
                "prompts/list", gate, (u, b) -> offersPrompts(u) ? Listings.prompts(u, b).items() : List.of());
        Map<String, Integer> counts = new HashMap<>();
        listed.forEach(o -> o.value().forEach(p -> counts.merge(p.name(), 1, Integer::sum)));
        List<NamedPrompt> out = new ArrayList<>();
        for (ServerFanOut.Outcome<List<McpSchema.Prompt>> o : listed) {
            for (McpSchema.Prompt p : o.value()) {
                String name = counts.get(p.name()) == 1 ? p.name() : o.server().name() + separator + p.name();
                out.add(new NamedPrompt(name, o.server().name(), p));
            }
        }
        return out;
    }

    McpSchema.GetPromptResult get(String name, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Qualified q = qualified(name);
        if (q == null) {
            q = find(name);
        }
        String prompt = q.prompt();
        Upstream u = q.server();
        return u.request("prompts/get " + prompt, null, u.config().options().requestTimeout(),
                c -> c.getPrompt(new McpSchema.GetPromptRequest(prompt, args)));
    }

    private record Qualified(Upstream server, String prompt) {
    }

    /** {@code <server><separator><prompt>} for a known server name or alias; the longest server name wins. */
    private Qualified qualified(String name) {
        return servers.names().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .filter(s -> name.startsWith(s + separator) && name.length() > s.length() + separator.length())
                .findFirst().map(s -> new Qualified(servers.named(s), name.substring(s.length() + separator.length())))
                .orElse(null);
    }

    private Qualified find(String name) {
        List<NamedPrompt> all = list();
        List<NamedPrompt> owners = all.stream().filter(p -> p.prompt().name().equals(name)).toList();
        if (!owners.isEmpty()) {
            // Listed by priority, then configuration order: the first owner is the one a bare tool name would reach.
            return new Qualified(servers.named(owners.get(0).server()), name);
        }
        List<String> close = Suggestions.closest(name, all.stream().map(NamedPrompt::name).toList(), 3);
        throw new SwitchboardException(ErrorCode.UNKNOWN_PROMPT, null, name, "no server offers prompt '" + name
                + "'" + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                + " (list them with Switchboard.prompts())", null);
    }

    private static boolean offersPrompts(Upstream u) {
        ServerStatus s = u.status();
        return s.state() != ServerState.READY || s.capabilities().contains("prompts");
    }
}
