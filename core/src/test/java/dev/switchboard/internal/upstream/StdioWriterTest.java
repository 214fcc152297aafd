package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request is written by its caller only while that cannot block; a child that stops reading gets the rest through
 * the writer's thread, and no caller ever waits on its full pipe. Real child processes over real pipes.
 */
class StdioWriterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Object> failed = new CopyOnWriteArrayList<>();
    private Process child;
    private StdioWriter writer;

    @AfterEach
    void stop() throws InterruptedException {
        if (writer != null) {
            writer.stop(() -> new IOException("test over"));
        }
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChildThatKeepsUpIsWrittenToByTheCallers() throws Exception {
        child = new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong consumed = new AtomicLong();
        writer = new StdioWriter("cat", child.getOutputStream(), (id, why) -> failed.add(id), consumed::get);
        byte[] line = line(1000);
        for (int i = 0; i < 200; i++) { // 200 KB in all, far more than the limit: each "answered" before the next
            var pending = new StdioInFlight.Pending(i, "tools/call");
            assertThat(writer.writeRequest(line, pending)).isNull();
            consumed.set(pending.end);
        }
        assertThat(writer.directWrites()).isEqualTo(200);
        assertThat(failed).isEmpty();
    }

    @Test
    void aChildThatStopsReadingNeverBlocksACaller() throws Exception {
        child = new ProcessBuilder("sleep", "60").start(); // never reads its stdin
        writer = new StdioWriter("sleep", child.getOutputStream(), (id, why) -> failed.add(id), () -> 0L);
        byte[] line = line(1000);
        int lines = 200; // 200 KB: more than any pipe holds, so the writer's thread blocks, never a caller
        Thread caller = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < lines; i++) {
                assertThat(writer.writeRequest(line, new StdioInFlight.Pending(i, "tools/call"))).isNull();
            }
        });
        assertThat(caller.join(WAIT)).as("every send returned").isTrue();
        assertThat(writer.directWrites()).isEqualTo(StdioWriter.DIRECT_LIMIT / line.length);
        // The lines stuck behind the full pipe fail once the writer stops and the child is gone.
        writer.stop(() -> new IOException("the child is gone"));
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(failed).isNotEmpty());
        assertThat(writer.thread().join(WAIT)).isTrue();
    }

    private static byte[] line(int length) {
        return ("x".repeat(length - 1) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
