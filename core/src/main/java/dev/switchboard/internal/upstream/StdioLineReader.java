package dev.switchboard.internal.upstream;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads newline-terminated lines from a child's stdout or stderr, keeping at most {@code maxChars} of each.
 *
 * <p>{@link java.io.BufferedReader#readLine()} would buffer a line of any length: a server that prints a binary blob
 * or never ends a line could exhaust the heap. Here the excess is read and dropped, the line is marked
 * {@linkplain #lastLineTruncated() truncated}, and reading goes on with the next line, so one bad line costs one
 * line, not the session. Not thread-safe: one pump thread owns a reader.
 */
final class StdioLineReader {
    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int limit;
    private boolean truncated;

    StdioLineReader(Reader in, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: > 0)");
        }
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end of the stream. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        truncated = false;
        boolean sawAny = false;
        while (true) {
            if (pos == limit && !fill()) {
                return sawAny ? finish(line) : null;
            }
            sawAny = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            append(line, start, pos);
            if (pos < limit) {
                pos++; // the '\n'
                return finish(line);
            }
        }
    }

    /** Whether the line last returned was longer than {@code maxChars} and cut. */
    boolean lastLineTruncated() {
        return truncated;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /**
     * Keeps one character beyond {@code maxChars}: it may be the {@code \r} of a {@code \r\n}, and a line of exactly
     * {@code maxChars} so terminated is whole (the fuzzer found such lines reported cut).
     */
    private void append(StringBuilder line, int start, int end) {
        int room = maxChars + 1 - line.length();
        int count = end - start;
        if (count > room) {
            truncated = true;
            count = Math.max(room, 0);
        }
        line.append(buf, start, count);
    }

    private String finish(StringBuilder line) {
        int len = line.length();
        if (!truncated && len > 0 && line.charAt(len - 1) == '\r') {
            line.setLength(--len);
        }
        if (len > maxChars) {
            truncated = true;
            line.setLength(maxChars);
        }
        return line.toString();
    }
}
