package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12: {@code multiplier: 1e400} reads as Infinity, and Infinity passed "at least 1.0". */
class RejectsNonFiniteNumbersTest {

    @Test
    void rejectsAMultiplierTooLargeForADouble() {
        assertThat(Configs.problems("servers: {a: {command: x, retry: {multiplier: 1e400}}}")).containsExactly(
                "servers.a.retry.multiplier: Infinity is not a finite number (expected: 1.0 or more)");
    }

    @Test
    void rejectsNegativeInfinityInJson() {
        assertThat(Configs.failure(() -> Configs.json("{\"servers\": {\"a\": {\"command\": \"x\", \"retry\":"
                + " {\"jitter\": -1e400}}}}", Map.of())).problems()).extracting(ConfigProblem::toString)
                .containsExactly("servers.a.retry.jitter: -Infinity is not a finite number (expected: 0.0 to 1.0)");
    }

    @Test
    void rejectsANumberWrittenAsTextLongerThan64Characters() {
        assertThat(Configs.problems("servers: {a: {command: x, retry: {multiplier: \"" + "9".repeat(1_000)
                + "\"}}}")).singleElement().asString().endsWith("is not a number (expected: 1.0 or more)");
    }

    @Test
    void retryPolicyRejectsAnInfiniteMultiplierBuiltInCode() {
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(Double.POSITIVE_INFINITY).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry.multiplier: Infinity (expected: a finite number >= 1.0)");
    }
}
