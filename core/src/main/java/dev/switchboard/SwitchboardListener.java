package dev.switchboard;

/**
 * Hears what changes in a running {@link Switchboard}, one method per kind of {@link SwitchboardEvent}; implement
 * the ones you need. Register it with {@link Switchboard.Builder#listener} (to hear the start as well) or
 * {@link Switchboard#addListener}.
 *
 * <p>Each listener is called on a thread of its own, never on an I/O thread, with the events of one server in the
 * order they happened. A slow listener delays only itself: events wait for it in a bounded queue, and when that is
 * full its newest events are dropped (counted and logged once) rather than stalling calls or other listeners. A
 * listener that throws is logged and keeps receiving events.
 */
public interface SwitchboardListener {

    /** A server's connection changed state. */
    default void serverStateChanged(SwitchboardEvent.ServerStateChanged event) {
    }

    /** A server's health verdict changed. */
    default void healthChanged(SwitchboardEvent.HealthChanged event) {
    }

    /** A server's tools, resources or prompts changed. */
    default void catalogChanged(SwitchboardEvent.CatalogChanged event) {
    }

    /** A server's circuit breaker changed state. */
    default void breakerChanged(SwitchboardEvent.BreakerChanged event) {
    }

    /** A tool call ended. */
    default void callFinished(SwitchboardEvent.CallFinished event) {
    }

    /** A new configuration was applied. */
    default void configReloaded(SwitchboardEvent.ConfigReloaded event) {
    }

    /** A resource a client subscribed to changed on its server. */
    default void resourceUpdated(SwitchboardEvent.ResourceUpdated event) {
    }

    /** A server sent a log message. */
    default void serverLogged(SwitchboardEvent.ServerLogged event) {
    }
}
