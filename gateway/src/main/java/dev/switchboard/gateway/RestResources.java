package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.GatherOptions;
import dev.switchboard.GatherResult;
import dev.switchboard.ResolutionCandidate;
import dev.switchboard.Resolution;
import dev.switchboard.ResourceItem;
import dev.switchboard.ServerResources;
import dev.switchboard.config.FailurePolicy;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The resources' part of the REST API: gathering every server's resources (fail-fast or best-effort, within
 * timeouts), listing them, reading one, the servers' resource templates, and which server is the authority for an
 * entity. Servers the caller may not see are left out as if they did not exist.
 */
final class RestResources {
    static final List<String> POLICIES = List.of("fail-fast", "best-effort");
    private static final Set<String> GATHER_FIELDS = Set.of("policy", "serverTimeout", "timeout");

    private RestResources() {
    }

    static void gather(RestExchange x) throws IOException {
        RestBody body = x.body(GATHER_FIELDS, true);
        String policy = body.choice("policy", POLICIES, null);
        GatherOptions options = new GatherOptions(policy == null ? null : FailurePolicy.parse(policy).orElseThrow(),
                body.duration("serverTimeout"), body.duration("timeout"));
        GatherResult r = x.switchboard.gatherResources(options);
        ObjectNode out = JsonRpc.object();
        out.put("policy", r.policy().configName());
        RestJson.millis(out, "durationMs", r.duration());
        var servers = out.putArray("servers");
        r.servers().stream().filter(s -> x.caller().maySee(s.server(), null)).forEach(s -> servers.add(server(s)));
        var failures = out.putArray("failures");
        r.failures().stream().filter(f -> x.caller().maySee(f.server(), null))
                .forEach(f -> failures.add(RestJson.failure(f)));
        out.put("complete", failures.isEmpty());
        x.json(200, out);
    }

    private static ObjectNode server(ServerResources s) {
        ObjectNode out = JsonRpc.object();
        out.put("server", s.server());
        out.put("priority", s.priority());
        s.domains().forEach(out.putArray("domains")::add);
        s.capabilities().forEach(out.putArray("capabilities")::add);
        out.put("incomplete", s.incomplete());
        out.put("bytes", s.bytes());
        RestJson.millis(out, "durationMs", s.duration());
        var resources = out.putArray("resources");
        s.resources().forEach(r -> resources.add(item(r)));
        return out;
    }

    /** One resource read: where from, its size before truncation, and its contents as the server sent them. */
    static ObjectNode item(ResourceItem r) {
        ObjectNode out = JsonRpc.object();
        out.put("server", r.server());
        out.put("uri", r.uri());
        out.put("qualifiedUri", r.qualifiedUri());
        out.put("name", r.name());
        out.put("mimeType", r.mimeType());
        out.put("size", r.size());
        out.put("truncated", r.truncated());
        out.set("contents", JsonRpc.tree(r.contents()));
        return out;
    }

    /** Every resource as the servers list it (nothing read), filtered by {@code ?server=}. */
    static void list(RestExchange x) {
        String only = x.query("server") == null ? null : x.server(x.query("server")).name();
        ObjectNode out = JsonRpc.object();
        var list = out.putArray("resources");
        x.switchboard.resources().forEach((server, resources) -> {
            if ((only == null || only.equals(server)) && x.caller().maySee(server, null)) {
                resources.forEach(r -> {
                    ObjectNode item = list.addObject();
                    item.put("server", server);
                    item.put("qualifiedUri", server + "+" + r.uri());
                    item.set("definition", JsonRpc.tree(r));
                });
            }
        });
        x.json(200, out);
    }

    /** {@code ?uri=}: a URI, or {@code <server>+<uri>} when several servers offer it. */
    static void read(RestExchange x) {
        String uri = x.requiredQuery("uri");
        int plus = uri.indexOf('+');
        if (plus > 0 && x.switchboard.config().server(uri.substring(0, plus)).isPresent()
                && !x.caller().maySee(uri.substring(0, plus), null)) {
            throw RestProblem.unknownResource(uri);
        }
        ResourceItem item = x.switchboard.readResource(uri);
        if (!x.caller().maySee(item.server(), null)) {
            throw RestProblem.unknownResource(uri);
        }
        x.json(200, item(item));
    }

    static void templates(RestExchange x) {
        ObjectNode out = JsonRpc.object();
        var list = out.putArray("templates");
        x.switchboard.resourceTemplates().forEach((server, templates) -> {
            if (x.caller().maySee(server, null)) {
                templates.forEach(t -> {
                    ObjectNode item = list.addObject();
                    item.put("server", server);
                    item.set("definition", JsonRpc.tree(t));
                });
            }
        });
        x.json(200, out);
    }

    /** {@code ?entity=&domain=}: the candidates best first (the first is the authority), and who could not say. */
    static void resolve(RestExchange x) {
        Resolution r = x.switchboard.resolve(x.requiredQuery("entity"), x.query("domain"));
        ObjectNode out = JsonRpc.object();
        out.put("entity", r.entity());
        out.put("domain", r.domain());
        var candidates = out.putArray("candidates");
        r.candidates().stream().filter(c -> x.caller().maySee(c.server(), null))
                .forEach(c -> candidates.add(candidate(c)));
        out.put("found", !candidates.isEmpty());
        var failures = out.putArray("failures");
        r.failures().stream().filter(f -> x.caller().maySee(f.server(), null))
                .forEach(f -> failures.add(RestJson.failure(f)));
        x.json(200, out);
    }

    private static ObjectNode candidate(ResolutionCandidate c) {
        ObjectNode out = JsonRpc.object();
        out.put("server", c.server());
        out.put("priority", c.priority());
        out.put("match", c.match().name());
        out.put("score", c.score());
        out.put("qualifiedUri", c.qualifiedUri());
        out.set("definition", JsonRpc.tree(c.resource()));
        return out;
    }
}
