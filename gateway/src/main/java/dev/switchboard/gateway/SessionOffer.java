package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one session sees: the offer of the shared servers, merged with that of its own {@code per_client} servers when
 * there are any, and which Switchboard serves a server.
 */
final class SessionOffer {
    private final Offer shared;
    private final Offer own;
    private final Switchboard sharedSwitchboard;
    private final Switchboard ownSwitchboard;

    private SessionOffer(Offer shared, Offer own, Switchboard sharedSwitchboard, Switchboard ownSwitchboard) {
        this.shared = shared;
        this.own = own;
        this.sharedSwitchboard = sharedSwitchboard;
        this.ownSwitchboard = ownSwitchboard;
    }

    /** The session's view now; its per-client servers are connected first if they are not yet. */
    static SessionOffer of(Offers offers, PerClient perClient, Session session, Switchboard switchboard) {
        if (!perClient.any()) {
            return new SessionOffer(offers.current(), null, switchboard, null);
        }
        Offer own = perClient.offer(session);
        return new SessionOffer(offers.current(), own, switchboard, perClient.switchboard(session));
    }

    Offer.Listing tools() {
        return merged(Offer::tools);
    }

    Offer.Listing prompts() {
        return merged(Offer::prompts);
    }

    Offer.Listing resources() {
        return merged(Offer::resources);
    }

    Offer.Listing templates() {
        return merged(Offer::templates);
    }

    /** The server whose template a URI fits: a shared one first, then the session's own. */
    String templateOwner(String uri) {
        String owner = shared.templateOwner(uri);
        return owner != null || own == null ? owner : own.templateOwner(uri);
    }

    /** The Switchboard that runs {@code server} for this session. */
    Switchboard serving(String server) {
        return ownSwitchboard != null && ownSwitchboard.config().server(server).isPresent() ? ownSwitchboard
                : sharedSwitchboard;
    }

    /** The shared servers' Switchboard: the one whose status and naming rules apply to the whole gateway. */
    Switchboard shared() {
        return sharedSwitchboard;
    }

    private Offer.Listing merged(Function<Offer, Offer.Listing> part) {
        Offer.Listing a = part.apply(shared);
        if (own == null) {
            return a;
        }
        Offer.Listing b = part.apply(own);
        List<Offer.Item> items = new ArrayList<>(a.items());
        Map<String, Offer.Route> routes = new HashMap<>(b.routes());
        routes.putAll(a.routes()); // a name both offer (bare names only) goes to the shared server
        b.items().stream().filter(i -> !a.routes().containsKey(i.key())).forEach(items::add);
        return Offer.Listing.of(items, routes);
    }
}
