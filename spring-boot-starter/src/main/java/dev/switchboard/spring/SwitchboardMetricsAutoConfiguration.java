package dev.switchboard.spring;

import dev.switchboard.Switchboard;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Publishes the auto-configured Switchboard's meters ({@code switchboard.calls}, {@code switchboard.server.health},
 * {@code switchboard.breaker.state}, ...) to the application's Micrometer {@link MeterRegistry}.
 *
 * <p>Core binds its meters itself when given a registry, servers added by a reload included; this only hands it
 * the application's one. With several registries and no primary one, nothing is bound.
 */
@AutoConfiguration(before = SwitchboardAutoConfiguration.class)
@ConditionalOnClass({Switchboard.class, MeterRegistry.class})
public class SwitchboardMetricsAutoConfiguration {

    /** Passes the application's registry to the Switchboard builder, when there is exactly one (or a primary). */
    @Bean
    public SwitchboardBuilderCustomizer switchboardMeterRegistryCustomizer(ObjectProvider<MeterRegistry> registry) {
        // Looked up when the Switchboard is built, not when this bean is: the registry may be defined later.
        return builder -> {
            MeterRegistry found = registry.getIfUnique();
            if (found != null) {
                builder.meterRegistry(found);
            }
        };
    }
}
