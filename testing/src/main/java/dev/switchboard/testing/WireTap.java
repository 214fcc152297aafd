package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Watches inbound JSON-RPC for {@code notifications/cancelled}. The SDK server has no hook for notifications it does
 * not handle itself (it logs and drops them), so the fake reads the wire before the SDK does.
 */
final class WireTap {

    private static final String CANCELLED = "notifications/cancelled";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireTap() {
    }

    /** Reports every cancellation in one JSON-RPC message or batch; anything unparsable is the SDK's business. */
    static void scan(String message, ServerEvents events) {
        if (!message.contains(CANCELLED)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(message);
            if (root.isArray()) {
                root.forEach(node -> report(node, events));
            } else {
                report(root, events);
            }
        } catch (IOException | RuntimeException notJson) {
            // Malformed input is not a cancellation; the SDK will answer it with its own error.
        }
    }

    private static void report(JsonNode node, ServerEvents events) {
        if (!CANCELLED.equals(node.path("method").asText())) {
            return;
        }
        JsonNode id = node.path("params").path("requestId");
        Object requestId = id.isNumber() ? (Object) id.longValue() : id.isMissingNode() ? null : id.asText();
        JsonNode reason = node.path("params").path("reason");
        events.cancelled(requestId, reason.isTextual() ? reason.asText() : null);
    }

    /**
     * An input stream that passes bytes through unchanged, scans each complete line, and reports end of input.
     * Stdio MCP is newline-delimited JSON, so a line is a message.
     */
    static final class LineTap extends FilterInputStream {
        private final ServerEvents events;
        private final Runnable onEof;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean eofReported;

        LineTap(InputStream in, ServerEvents events, Runnable onEof) {
            super(in);
            this.events = events;
            this.onEof = onEof;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                eof();
            } else {
                take((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                eof();
            }
            for (int i = 0; i < n; i++) {
                take(buf[off + i]);
            }
            return n;
        }

        private void take(byte b) {
            if (b == '\n') {
                scan(line.toString(StandardCharsets.UTF_8), events);
                line.reset();
            } else {
                line.write(b);
            }
        }

        private void eof() {
            if (!eofReported) {
                eofReported = true;
                onEof.run();
            }
        }
    }
}
