package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which answer streams count as interrupted: an id seen, no message carried; bytes may split anywhere. */
class TracksInterruptedAnswerStreamsTest {
    private static final URI URL = URI.create("http://127.0.0.1:1/mcp");

    @Test
    void aPrimingEventAloneIsAnInterruptionWithItsIdAndRetry() {
        var t = new SseInterruption.Tracker();
        feedInPieces(t, "id: event-2\r\nretry: 500\r\ndata: \r\n\r\n", 3);
        assertThat(t.ended(URL, "s-1")).isEqualTo(new SseInterruption(URL, "s-1", "event-2", Duration.ofMillis(500)));
    }

    @Test
    void aStreamThatCarriedTheAnswerIsNot() {
        var t = new SseInterruption.Tracker();
        feedInPieces(t, "id: e1\nretry: 500\ndata: \n\nevent: message\nid: e2\ndata: {\"jsonrpc\":\"2.0\",\"id\":1}\n\n",
                7);
        assertThat(t.ended(URL, null)).isNull();
    }

    @Test
    void withoutAnIdThereIsNothingToResumeFrom() {
        var t = new SseInterruption.Tracker();
        feedInPieces(t, "retry: 500\ndata: \n\n", 2);
        assertThat(t.ended(URL, null)).isNull();
    }

    private static void feedInPieces(SseInterruption.Tracker t, String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += size) {
            t.accept(List.of(ByteBuffer.wrap(bytes, i, Math.min(size, bytes.length - i))));
        }
    }
}
