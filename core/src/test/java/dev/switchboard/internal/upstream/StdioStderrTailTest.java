package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.internal.observe.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdioStderrTailTest {

    @Test
    void keepsOnlyTheLastLinesEachCapped() {
        var tail = new StderrTail(3, 5);
        for (int i = 1; i <= 5; i++) {
            tail.add("line" + i);
        }
        tail.add("a very long line");

        assertThat(tail.lines()).hasSize(3);
        assertThat(tail.lines().subList(0, 2)).containsExactly("line4", "line5");
        assertThat(tail.lines().get(2)).startsWith("a ver").contains("more chars").doesNotContain("long line");
    }

    @Test
    void scrubsRememberedSecrets() {
        Redactor.remember(List.of("s3cr3t-value-for-tail-test"));
        var tail = new StderrTail();

        tail.add("auth failed for token s3cr3t-value-for-tail-test");

        assertThat(tail.lines()).containsExactly("auth failed for token " + Redactor.MASK);
    }
}
