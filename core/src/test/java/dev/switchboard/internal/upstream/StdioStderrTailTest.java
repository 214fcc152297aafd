package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Secrets;
import dev.switchboard.internal.observe.Masker;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdioStderrTailTest {

    @Test
    void keepsOnlyTheLastLinesEachCapped() {
        var tail = new StderrTail(3, 5, Masker.URLS_ONLY);
        for (int i = 1; i <= 5; i++) {
            tail.add("line" + i);
        }
        tail.add("a very long line");

        assertThat(tail.lines()).hasSize(3);
        assertThat(tail.lines().subList(0, 2)).containsExactly("line4", "line5");
        assertThat(tail.lines().get(2)).startsWith("a ver").contains("more chars").doesNotContain("long line");
    }

    @Test
    void masksTheConfigurationsSecrets() {
        var tail = new StderrTail(Secrets.of(List.of("s3cr3t-value-for-tail-test"))::mask);

        tail.add("auth failed for token s3cr3t-value-for-tail-test");

        assertThat(tail.lines()).containsExactly("auth failed for token " + Secrets.MASK);
    }
}
