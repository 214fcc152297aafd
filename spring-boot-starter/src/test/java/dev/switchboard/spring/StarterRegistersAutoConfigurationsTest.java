package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/** The imports file lists every auto-configuration, so that an application gets them by adding the jar. */
class StarterRegistersAutoConfigurationsTest {

    @Test
    void everyAutoConfigurationIsListed() {
        var candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates();
        assertThat(candidates).contains(SwitchboardAutoConfiguration.class.getName(),
                SwitchboardHealthAutoConfiguration.class.getName(), SwitchboardMetricsAutoConfiguration.class.getName(),
                SwitchboardToolsAutoConfiguration.class.getName());
    }
}
