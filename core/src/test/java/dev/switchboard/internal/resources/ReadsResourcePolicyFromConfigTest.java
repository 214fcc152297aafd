package dev.switchboard.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.FailurePolicy;
import dev.switchboard.config.ResourcePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code orchestration.failure_policy}, {@code orchestration.resources} and {@code orchestration.resolve}. */
class ReadsResourcePolicyFromConfigTest {
    private static final String SERVERS = "servers:\n  a:\n    command: echo\n";

    private static ResourcePolicy load(String orchestration) {
        return ConfigLoader.create().parse(orchestration + SERVERS, "test.yaml").orchestration().resources();
    }

    @Test
    void everyKeyIsRead() {
        ResourcePolicy p = load("""
                orchestration:
                  failure_policy: fail-fast
                  resources:
                    max_resource_bytes: 2048
                    max_resources_per_server: 50
                    read_concurrency: 4
                    server_timeout: 5s
                    gather_timeout: 20s
                  resolve:
                    fuzzy_threshold: 0.85
                """);

        assertThat(p).isEqualTo(ResourcePolicy.builder().failurePolicy(FailurePolicy.FAIL_FAST).maxResourceBytes(2048)
                .maxResourcesPerServer(50).readConcurrency(4).serverTimeout(Duration.ofSeconds(5))
                .gatherTimeout(Duration.ofSeconds(20)).fuzzyThreshold(0.85).build());
    }

    @Test
    void defaultsAreBestEffortUnlessTheLegacyFailFastSaysOtherwise() {
        assertThat(load("")).isEqualTo(ResourcePolicy.DEFAULT);
        assertThat(load("orchestration:\n  fail_fast: true\n").failurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);
        assertThat(load("orchestration:\n  fail_fast: true\n  failure_policy: best_effort\n").failurePolicy())
                .isEqualTo(FailurePolicy.BEST_EFFORT);
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        assertThatThrownBy(() -> load("""
                orchestration:
                  failure_policy: sometimes
                  resources:
                    max_resource_bytes: 0
                    read_concurency: 4
                    gather_timeout: 30
                  resolve:
                    fuzzy_threshold: 1.5
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                .contains("orchestration.failure_policy: \"sometimes\" is not a failure policy (expected: fail-fast"
                        + " or best-effort)")
                .contains("orchestration.resources.max_resource_bytes: 0 is out of range")
                .contains("orchestration.resources.read_concurency: unknown key", "read_concurrency")
                .contains("orchestration.resources.gather_timeout: 30 has no unit")
                .contains("orchestration.resolve.fuzzy_threshold: 1.5 is out of range"));
    }
}
