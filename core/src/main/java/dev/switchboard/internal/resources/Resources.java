package dev.switchboard.internal.resources;

import dev.switchboard.GatherOptions;
import dev.switchboard.GatherResult;
import dev.switchboard.GatherStats;
import dev.switchboard.NamedPrompt;
import dev.switchboard.Resolution;
import dev.switchboard.ResourceItem;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resources, resource templates and prompts across every server, for the facade. Nothing is cached: every call asks
 * the servers again. Safe to call from many threads at once.
 */
public final class Resources {
    private final Servers servers;
    private final ResourcePolicy policy;
    private final String separator;
    private final Counters counters;
    private final LogGate gate;

    /**
     * @param upstreams the servers in configuration order
     * @param aliases alias to server name
     * @param policy the configured limits and defaults
     * @param separator joins a server's and a prompt's name, as in qualified tool names
     * @param gate the instance's log gate
     */
    public Resources(List<Upstream> upstreams, Map<String, String> aliases, ResourcePolicy policy,
            String separator, LogGate gate) {
        this(upstreams, aliases, policy, separator, new Counters(), gate);
    }

    private Resources(List<Upstream> upstreams, Map<String, String> aliases, ResourcePolicy policy,
            String separator, Counters counters, LogGate gate) {
        this.servers = new Servers(upstreams, aliases);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.separator = Objects.requireNonNull(separator, "separator");
        this.counters = counters;
        this.gate = gate;
    }

    /** The same view over another set of servers (after a reload), keeping the running totals and the gate. */
    public Resources over(List<Upstream> upstreams, Map<String, String> aliases, ResourcePolicy newPolicy,
            String newSeparator) {
        return new Resources(upstreams, aliases, newPolicy, newSeparator, counters, gate);
    }

    public GatherResult gather(GatherOptions options) {
        return new Gatherer(servers, policy, counters, gate).gather(Objects.requireNonNull(options, "options"));
    }

    public Resolution resolve(String entity, String domain) {
        Objects.requireNonNull(entity, "entity");
        if (entity.isBlank()) {
            throw new IllegalArgumentException("entity is blank (expected: a name to look for)");
        }
        return new Resolver(servers, policy, gate).resolve(entity, domain);
    }

    public ResourceItem read(String uriOrQualified) {
        Objects.requireNonNull(uriOrQualified, "uri");
        return new ResourceReader(servers, policy, gate).read(uriOrQualified);
    }

    /** Reads one resource from this server and returns it exactly as sent: nothing is cut to the size limit. */
    public McpSchema.ReadResourceResult readExact(Upstream server, String uri) {
        return new ResourceReader(servers, policy, gate).readExact(server, uri);
    }

    /**
     * Each server's listed resources (every page, at most {@code max_resources_per_server}), by server priority;
     * servers without any are left out. Nothing is read.
     */
    public Map<String, List<McpSchema.Resource>> listed() {
        Map<String, List<McpSchema.Resource>> out = new LinkedHashMap<>();
        Across.collect(servers.enabled(), policy, "resources/list", gate,
                (u, b) -> ServerGather.offersResources(u)
                        ? Listings.resources(u, b, policy.maxResourcesPerServer()).items()
                        : List.<McpSchema.Resource>of())
                .forEach(o -> {
                    if (!o.value().isEmpty()) {
                        out.put(o.server().name(), o.value());
                    }
                });
        return out;
    }

    /** Each server's resource templates (every page), by server priority; servers without any are left out. */
    public Map<String, List<McpSchema.ResourceTemplate>> templates() {
        Map<String, List<McpSchema.ResourceTemplate>> out = new LinkedHashMap<>();
        Across.collect(servers.enabled(), policy, "resources/templates/list", gate,
                (u, b) -> ServerGather.offersResources(u) ? Listings.templates(u, b).items()
                        : List.<McpSchema.ResourceTemplate>of())
                .forEach(o -> {
                    if (!o.value().isEmpty()) {
                        out.put(o.server().name(), o.value());
                    }
                });
        return out;
    }

    public List<NamedPrompt> prompts() {
        return new PromptCatalog(servers, policy, separator, gate).list();
    }

    public McpSchema.GetPromptResult prompt(String name, Map<String, Object> arguments) {
        return new PromptCatalog(servers, policy, separator, gate).get(Objects.requireNonNull(name, "name"),
                arguments);
    }

    public GatherStats stats() {
        return counters.snapshot();
    }
}
