package dev.switchboard.spring;

import dev.switchboard.Switchboard;

/**
 * Adjusts the {@link Switchboard.Builder} of the auto-configured Switchboard before it starts: handlers for servers'
 * requests (sampling, elicitation), a token store, an authorization handler, a clock.
 *
 * <p>Every bean of this type is applied, in {@link org.springframework.core.annotation.Order} order.
 * {@link dev.switchboard.SwitchboardListener} beans and the application's Micrometer registry are applied without one.
 */
@FunctionalInterface
public interface SwitchboardBuilderCustomizer {

    /** Changes {@code builder}; called once, before {@link Switchboard.Builder#start()}. */
    void customize(Switchboard.Builder builder);
}
