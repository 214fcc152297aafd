package dev.switchboard.internal.resources;

import dev.switchboard.ErrorCode;
import dev.switchboard.ResourceItem;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.FailurePolicy;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one resource by URI from the server that owns it: {@code <server>+<uri>} names the server; a bare URI is
 * looked up, fresh, among every server's listed resources, then among their resource templates. A URI that several
 * servers offer must be qualified.
 */
final class ResourceReader {
    private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)[^}]*}");

    private final Servers servers;
    private final ResourcePolicy policy;
    private final ResourcePolicy bestEffort;
    private final LogGate gate;

    ResourceReader(Servers servers, ResourcePolicy policy, LogGate gate) {
        this.servers = servers;
        this.gate = gate;
        this.policy = policy;
        // Looking for a URI's owner asks every server; one that fails simply does not own it.
        this.bestEffort = policy.toBuilder().failurePolicy(FailurePolicy.BEST_EFFORT).build();
    }

    ResourceItem read(String uriOrQualified) {
        int plus = uriOrQualified.indexOf('+');
        Upstream named = plus > 0 ? servers.named(uriOrQualified.substring(0, plus)) : null;
        if (named != null) {
            String uri = uriOrQualified.substring(plus + 1);
            return ServerGather.read(named, budget(named), uri, uri, null, policy.maxResourceBytes());
        }
        String uri = uriOrQualified;
        List<ServerFanOut.Outcome<Optional<McpSchema.Resource>>> listed = Across.collect(servers.enabled(), bestEffort,
                "resources/list", gate,
                (u, b) -> ServerGather.offersResources(u) ? Listings.resources(u, b, Integer.MAX_VALUE).items()
                        .stream().filter(r -> uri.equals(r.uri())).findFirst() : Optional.empty());
        List<ServerFanOut.Outcome<Optional<McpSchema.Resource>>> owners = listed.stream()
                .filter(o -> o.value().isPresent()).toList();
        if (owners.size() == 1) {
            Upstream u = owners.get(0).server();
            McpSchema.Resource r = owners.get(0).value().get();
            return ServerGather.read(u, budget(u), uri, r.name(), r.mimeType(), policy.maxResourceBytes());
        }
        if (owners.size() > 1) {
            throw ambiguous(uri, owners.stream().map(ServerFanOut.Outcome::server).toList());
        }
        return readByTemplate(uri);
    }

    McpSchema.ReadResourceResult readExact(Upstream u, String uri) {
        Budget budget = budget(u);
        try {
            return u.request("resources/read", null, budget.nextRequest(),
                    c -> c.readResource(new McpSchema.ReadResourceRequest(uri)));
        } catch (SwitchboardException e) {
            SwitchboardException explained = budget.explain(e);
            throw new SwitchboardException(explained.code(), u.name(), null, explained.getMessage()
                    + " (reading resource " + uri + ")", explained);
        }
    }

    private ResourceItem readByTemplate(String uri) {
        List<ServerFanOut.Outcome<Boolean>> templated = Across.collect(servers.enabled(), bestEffort,
                "resources/templates/list", gate, (u, b) -> ServerGather.offersResources(u)
                        && Listings.templates(u, b).items().stream().anyMatch(t -> matches(t.uriTemplate(), uri)));
        List<Upstream> owners = templated.stream().filter(ServerFanOut.Outcome::value).map(ServerFanOut.Outcome::server)
                .toList();
        if (owners.size() > 1) {
            throw ambiguous(uri, owners);
        }
        if (owners.isEmpty()) {
            List<String> down = servers.enabled().stream().filter(u -> !u.isReady()).map(Upstream::name)
                    .toList();
            throw new SwitchboardException(ErrorCode.UNKNOWN_RESOURCE, null, null, "no server offers resource '"
                    + uri + "' (none lists it, and no resource template matches it)" + (down.isEmpty() ? ""
                            : "; not connected, so not asked: " + String.join(", ", down))
                    + "; list them with: switchboard resources", null);
        }
        Upstream u = owners.get(0);
        return ServerGather.read(u, budget(u), uri, uri, null, policy.maxResourceBytes());
    }

    private Budget budget(Upstream u) {
        Duration whole = policy.gatherTimeout();
        return Budget.start(u, policy.serverTimeout(), System.nanoTime() + whole.toNanos(), whole);
    }

    private static SwitchboardException ambiguous(String uri, List<Upstream> owners) {
        List<String> qualified = owners.stream().map(u -> u.name() + "+" + uri).toList();
        return new SwitchboardException(ErrorCode.AMBIGUOUS_RESOURCE, null, null, "resource '" + uri
                + "' is offered by " + owners.size() + " servers (" + String.join(", ",
                        owners.stream().map(Upstream::name).toList()) + "); read it as one of: "
                + String.join(", ", qualified), null);
    }

    /** Whether {@code uri} is an expansion of an RFC 6570 URI template (simple and reserved expressions). */
    static boolean matches(String template, String uri) {
        if (template == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = EXPRESSION.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(switch (m.group(1)) {
                case "+", "#" -> ".*";
                case "?", "&" -> "(?:[?&][^#]*)?";
                default -> "[^/?#]+";
            });
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return uri.matches(regex.toString());
    }
}
