package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;

/** The current {@link Offer}: rebuilt when the catalog's version moves, shared by every session until then. */
final class Offers {
    private final Switchboard switchboard;
    private final GatewaySettings settings;
    private volatile Offer current;

    Offers(Switchboard switchboard, GatewaySettings settings) {
        this.switchboard = switchboard;
        this.settings = settings;
    }

    Offer current() {
        long version = switchboard.catalogVersion(); // read first: a change while building shows up next time
        Offer o = current;
        if (o == null || o.version() != version) {
            o = new Offer(version, switchboard, settings);
            current = o;
        }
        return o;
    }
}
