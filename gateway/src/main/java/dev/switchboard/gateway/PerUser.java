package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CallOptions;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.CredentialsMode;
import dev.switchboard.config.ServerConfig;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code credentials: per_user} servers as the gateway offers them: each authenticated client sees and calls
 * them with its own identity's upstream grant ({@link UserCredentials#oauthGrant}), never a shared token and never
 * the client's own token. Their tools are listed per identity (by the library, on that identity's session) under
 * qualified names ({@code server__tool}); a client without a grant sees none of them, and a call is answered with
 * the library's authorization-required error, which says how to grant it.
 */
final class PerUser {
    private PerUser() {
    }

    static boolean isPerUser(Switchboard sb, String server) {
        return sb.config().server(server).map(s -> s.options().credentials() == CredentialsMode.PER_USER)
                .orElse(false);
    }

    /** The tools of every per-user server the caller may see, listed with its identity's grant. */
    static Offer.Listing tools(Switchboard sb, Caller caller) {
        List<Offer.Item> items = new ArrayList<>();
        Map<String, Offer.Route> routes = new HashMap<>();
        String identity = caller.identity();
        String separator = sb.config().orchestration().nameSeparator();
        for (ServerConfig server : sb.config().servers()) {
            if (server.options().credentials() != CredentialsMode.PER_USER || identity == null
                    || !caller.maySee(server.name(), null)) {
                continue;
            }
            List<McpSchema.Tool> tools;
            try {
                tools = sb.tools(server.name(), UserCredentials.oauthGrant(identity));
            } catch (SwitchboardException e) {
                continue; // no grant (or the server is down): its tools are not this identity's to list
            }
            for (McpSchema.Tool t : tools) {
                String name = server.name() + separator + t.name();
                if (!caller.maySee(server.name(), name)) {
                    continue;
                }
                ObjectNode json = (ObjectNode) JsonRpc.tree(t).deepCopy();
                json.put("name", name);
                items.add(new Offer.Item(name, json));
                routes.put(name, new Offer.Route(server.name(), t.name()));
            }
        }
        return Offer.Listing.of(items, routes);
    }

    /** Where a qualified name of a per-user server's tool goes, listed or not; null when it names none. */
    static Offer.Route route(Switchboard sb, String name) {
        String separator = sb.config().orchestration().nameSeparator();
        int at = name.indexOf(separator);
        if (at <= 0) {
            return null;
        }
        String server = name.substring(0, at);
        return isPerUser(sb, server) ? new Offer.Route(server, name.substring(at + separator.length())) : null;
    }

    /**
     * The catalog entry of a per-user server's tool named {@code name} ({@code server__tool}) for the caller, as the
     * REST API needs one; null when the name is no per-user server's or the caller may not see it. The tool's
     * definition is the one its server lists to the caller, or a bare one while the caller has no grant (the call
     * then answers how to grant it).
     */
    static CatalogEntry entry(Switchboard sb, Caller caller, String name) {
        Offer.Route route = route(sb, name);
        if (route == null || !caller.maySee(route.server(), name)) {
            return null;
        }
        McpSchema.Tool definition = null;
        if (caller.identity() != null) {
            try {
                definition = sb.tools(route.server(), UserCredentials.oauthGrant(caller.identity())).stream()
                        .filter(t -> t.name().equals(route.name())).findFirst().orElse(null);
            } catch (SwitchboardException e) {
                // No grant yet: the call itself says how to grant it.
            }
        }
        if (definition == null) {
            definition = McpSchema.Tool.builder().name(route.name()).inputSchema(new McpSchema.JsonSchema("object",
                    null, null, null, null, null)).build();
        }
        return new CatalogEntry(name, route.server(), route.name(), true, route.server(), List.of(), definition);
    }

    /**
     * The options of a call to {@code server} for {@code caller}: with its identity's grant for a per-user server.
     *
     * @throws SwitchboardException AUTH_FAILED when the client is nobody in particular (no gateway tokens or OAuth)
     */
    static CallOptions forCaller(Switchboard sb, String server, Caller caller, CallOptions options) {
        if (!isPerUser(sb, server)) {
            return options;
        }
        String identity = caller.identity();
        if (identity == null) {
            throw new SwitchboardException(ErrorCode.AUTH_FAILED, server, null, "server '" + server + "' has"
                    + " credentials: per_user, and this client has no identity: configure gateway.tokens or"
                    + " gateway.oauth, so that each client calls it with its own grant", null);
        }
        return options.withCredentials(UserCredentials.oauthGrant(identity));
    }
}
