package dev.switchboard.internal.upstream;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A server-sent event stream that answered a POST and ended before it carried any message: the answer is still
 * owed, and the server expects the client to come back with a GET carrying {@code Last-Event-ID} after its
 * {@code retry:} interval (MCP 2025-11-25, SEP-1699). The SDK 2.1.0 does neither.
 *
 * @param uri where the stream came from (and where to resume it)
 * @param sessionId the MCP session the POST belonged to, or null
 * @param lastEventId the id of the last event seen, or null (then the stream is reopened without one)
 * @param retry the server's {@code retry:} interval, or null when it sent none
 */
record SseInterruption(URI uri, String sessionId, String lastEventId, Duration retry) {

    /** Follows the lines of one event stream as its bytes arrive; only ids, retry and whether data came matter. */
    static final class Tracker {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private String lastId;
        private Duration retry;
        private boolean sawData;

        void accept(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                ByteBuffer view = b.duplicate();
                while (view.hasRemaining()) {
                    byte c = view.get();
                    if (c == '\n') {
                        line(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (c != '\r') {
                        line.write(c);
                    }
                }
            }
        }

        private void line(String text) {
            if (text.startsWith("id:")) {
                lastId = text.substring(3).strip();
            } else if (text.startsWith("retry:")) {
                try {
                    retry = Duration.ofMillis(Long.parseLong(text.substring(6).strip()));
                } catch (NumberFormatException ignored) {
                    // A malformed retry field is ignored, as the SSE standard says.
                }
            } else if (text.startsWith("data:") && !text.substring(5).isBlank()) {
                sawData = true;
            }
        }

        /** The id of the last event seen, or null. */
        String lastId() {
            return lastId;
        }

        /** The last {@code retry:} interval the stream asked for, or null. */
        Duration retry() {
            return retry;
        }

        /** The interruption, when the stream ended with an id but no message. */
        SseInterruption ended(URI uri, String sessionId) {
            return sawData || lastId == null ? null : new SseInterruption(uri, sessionId, lastId, retry);
        }
    }
}
