package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one session sees: the offer of the shared servers, merged with that of its own {@code per_client} servers when
 * there are any, less what its {@link Caller} may not see, and which Switchboard serves a server. What the caller may
 * not see is left out as if it did not exist, so that a hidden tool is answered like an unknown one.
 */
final class SessionOffer {
    private final Offer shared;
    private final Offer own;
    private final Switchboard sharedSwitchboard;
    private final Switchboard ownSwitchboard;
    private final Caller caller;

    private SessionOffer(Offer shared, Offer own, Switchboard sharedSwitchboard, Switchboard ownSwitchboard,
            Caller caller) {
        this.caller = caller;
        this.shared = shared;
        this.own = own;
        this.sharedSwitchboard = sharedSwitchboard;
        this.ownSwitchboard = ownSwitchboard;
    }

    /** The session's view now; its per-client servers are connected first if they are not yet. */
    static SessionOffer of(Offers offers, PerClient perClient, Session session, Switchboard switchboard) {
        if (!perClient.any() || !perClient.anyVisibleTo(session.caller())) {
            return new SessionOffer(offers.current(), null, switchboard, null, session.caller());
        }
        Offer own = perClient.offer(session);
        return new SessionOffer(offers.current(), own, switchboard, perClient.switchboard(session), session.caller());
    }

    Offer.Listing tools() {
        Offer.Listing all = visible(merged(Offer::tools), r -> caller.maySee(r.server(), r.name()));
        Offer.Listing users = PerUser.tools(sharedSwitchboard, caller);
        if (users.items().isEmpty()) {
            return all;
        }
        List<Offer.Item> items = new ArrayList<>(all.items());
        items.addAll(users.items());
        Map<String, Offer.Route> routes = new HashMap<>(users.routes());
        routes.putAll(all.routes());
        return Offer.Listing.of(items, routes);
    }

    /** Where a tool of this downstream name goes; null when there is none the caller may see. */
    Offer.Route tool(String name) {
        Offer.Route route = shared.tools().routes().get(name); // the shared server wins a name both offer
        if (route == null && own != null) {
            route = own.tools().routes().get(name);
        }
        if (route == null) {
            route = PerUser.route(sharedSwitchboard, name);
        }
        return route != null && caller.maySee(route.server(), route.name()) ? route : null;
    }

    Offer.Listing prompts() {
        return visible(merged(Offer::prompts), r -> caller.maySee(r.server(), null));
    }

    Offer.Listing resources() {
        return visible(merged(Offer::resources), r -> caller.maySee(r.server(), null));
    }

    Offer.Listing templates() {
        return visible(merged(Offer::templates), r -> caller.maySee(r.server(), null));
    }

    /** The server whose template a URI fits: a shared one first, then the session's own; one the caller may see. */
    String templateOwner(String uri) {
        String owner = shared.templateOwner(uri);
        owner = owner != null || own == null ? owner : own.templateOwner(uri);
        return owner != null && caller.maySee(owner, null) ? owner : null;
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

    /** The part of a listing whose routes pass; the listing itself when the caller sees everything. */
    private Offer.Listing visible(Offer.Listing listing, Predicate<Offer.Route> sees) {
        if (caller == Caller.ANYONE) {
            return listing;
        }
        List<Offer.Item> items = listing.items().stream().filter(i -> sees.test(listing.routes().get(i.key())))
                .toList();
        Map<String, Offer.Route> routes = new HashMap<>();
        listing.routes().forEach((key, route) -> {
            if (sees.test(route)) {
                routes.put(key, route);
            }
        });
        return new Offer.Listing(items, Map.copyOf(routes)); // still sorted: a filter keeps the order
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
