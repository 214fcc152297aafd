package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationTextTest {

    @Test
    void parsesDurationsWithUnits() {
        DurationText c = new DurationText();
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void rejectsBareNumbersZeroAndNonsense() {
        DurationText c = new DurationText();
        for (String bad : new String[] {"30", "0s", "-5s", "soon", "5 minutes", ""}) {
            assertThatThrownBy(() -> c.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("expected: a positive duration like 500ms, 30s, 5m");
        }
    }

    @Test
    void formatsShortForPeople() {
        assertThat(DurationText.format(Duration.ofMillis(412))).isEqualTo("412ms");
        assertThat(DurationText.format(Duration.ofMillis(2500))).isEqualTo("2.5s");
        assertThat(DurationText.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationText.format(Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(DurationText.format(Duration.ofMinutes(5))).isEqualTo("5m");
    }
}
