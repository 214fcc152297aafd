package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Bad properties fail the start with core's validation messages, each naming the property as written. */
class StarterRejectsBadPropertiesTest {

    @Test
    void everyProblemIsReportedWithItsFullPropertyName() {
        StarterFixtures.runner()
                .withPropertyValues("switchboard.servers.api.url=http://127.0.0.1:1/mcp",
                        "switchboard.servers.api.request_timeout=soon",
                        "switchboard.servers.api.priority=0",
                        "switchboard.orchestration.no_such_key=1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    ConfigException e = rootConfigException(context.getStartupFailure());
                    assertThat(e.getMessage())
                            .contains("switchboard.servers.api.request_timeout: \"soon\"")
                            .contains("switchboard.servers.api.priority:")
                            .contains("switchboard.orchestration.no_such_key:")
                            .contains("expected");
                });
    }

    @Test
    void aConfigFileTogetherWithServerPropertiesIsRefused() {
        StarterFixtures.runner()
                .withPropertyValues("switchboard.config-file=/etc/switchboard.yaml",
                        "switchboard.servers.api.url=http://127.0.0.1:1/mcp")
                .run(context -> assertThat(rootConfigException(context.getStartupFailure()).getMessage())
                        .isEqualTo("switchboard.config-file: is set together with [switchboard.servers] (expected:"
                                + " either switchboard.config-file or the configuration under switchboard.servers,"
                                + " not both)"));
    }

    @Test
    void aMissingConfigFileIsNamed() {
        StarterFixtures.runner()
                .withPropertyValues("switchboard.config-file=/no/such/switchboard.yaml")
                .run(context -> assertThat(rootConfigException(context.getStartupFailure()).getMessage())
                        .contains("/no/such/switchboard.yaml").contains("file not found"));
    }

    @Test
    void noConfigurationAtAllSaysWhereToPutIt() {
        StarterFixtures.runner().run(context -> assertThat(rootConfigException(context.getStartupFailure())
                .getMessage()).contains("switchboard.servers: no servers configured"));
    }

    @Test
    void switchboardEnabledFalseTurnsTheStarterOff() {
        StarterFixtures.runner().withPropertyValues("switchboard.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("switchboard")
                        .doesNotHaveBean(SwitchboardToolCallbackProvider.class));
    }

    private static ConfigException rootConfigException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        throw new AssertionError("no ConfigException in", failure);
    }
}
