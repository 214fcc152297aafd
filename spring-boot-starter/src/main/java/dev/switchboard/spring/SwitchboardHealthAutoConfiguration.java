package dev.switchboard.spring;

import dev.switchboard.Switchboard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code switchboard} health indicator, when Spring Boot's health support is on the class path; turned off by
 * {@code management.health.switchboard.enabled=false}.
 */
@AutoConfiguration(after = SwitchboardAutoConfiguration.class)
@ConditionalOnClass({Switchboard.class, HealthIndicator.class})
@ConditionalOnBean(Switchboard.class)
@ConditionalOnEnabledHealthIndicator("switchboard")
public class SwitchboardHealthAutoConfiguration {

    /** Named so that the contributor is {@code switchboard}. */
    @Bean
    @ConditionalOnMissingBean(name = "switchboardHealthIndicator")
    public SwitchboardHealthIndicator switchboardHealthIndicator(Switchboard switchboard) {
        return new SwitchboardHealthIndicator(switchboard);
    }
}
