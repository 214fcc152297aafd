package dev.switchboard.spring;

import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardListener;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of a {@link Switchboard} from {@code switchboard.*} in the application's properties (the keys
 * of the configuration file format) or from the file {@code switchboard.config-file} names.
 *
 * <p>The Switchboard connects while the context refreshes (a required server that cannot connect fails the start,
 * unless {@code switchboard.fail-on-required-servers=false}) and is closed gracefully when the context closes:
 * calls in flight may finish within {@code orchestration.drain_timeout}, then every process and socket is released.
 * An application that defines its own {@code Switchboard} bean gets that one instead.
 */
@AutoConfiguration
@ConditionalOnClass(Switchboard.class)
@ConditionalOnProperty(prefix = SpringConfigSource.PREFIX, name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class SwitchboardAutoConfiguration {

    /** The Switchboard, started; closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Switchboard switchboard(ConfigurableEnvironment environment,
            ObjectProvider<SwitchboardListener> listeners, ObjectProvider<SwitchboardBuilderCustomizer> customizers,
            ObjectProvider<OpenTelemetry> openTelemetry) {
        SpringConfigSource.Loaded loaded = SpringConfigSource.load(environment);
        Switchboard.Builder builder = Switchboard.builder(loaded.config());
        if (loaded.file() != null) {
            builder.configFile(loaded.file(), loaded.loader());
        }
        builder.failOnRequiredServers(Binder.get(environment)
                .bind(SpringConfigSource.PREFIX + "." + SpringConfigSource.FAIL_ON_REQUIRED, Boolean.class)
                .orElse(true));
        // The application's OpenTelemetry (Boot's, when it traces): the calls' spans join its traces.
        openTelemetry.ifUnique(builder::openTelemetry);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.start();
    }
}
