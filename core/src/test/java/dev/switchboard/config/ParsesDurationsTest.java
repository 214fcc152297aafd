package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParsesDurationsTest {

    @Test
    void readsEveryUnit() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("PT2S")).contains(Duration.ofSeconds(2));
    }

    @Test
    void rejectsTextWithoutAUnit() {
        assertThat(Durations.parse("30")).isEmpty();
        assertThat(Durations.parse("soon")).isEmpty();
        assertThat(Durations.parse("99999999999999999999h")).isEmpty();
    }

    @Test
    void formatsAsWritten() {
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    }

    @Test
    void reportsBareNumbersAndNonsense() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: srv, connect_timeout: 30, request_timeout: soon}
                """)).containsExactly(
                "servers.a.connect_timeout: 30 has no unit (expected: a duration like 500ms, 30s, 5m)",
                "servers.a.request_timeout: \"soon\" is not a duration (expected: a duration like 500ms, 30s, 5m)");
    }
}
