package dev.switchboard.internal.upstream;

import dev.switchboard.internal.observe.Masker;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last lines a server process wrote to stderr, kept for diagnostics: when the process dies, these lines usually
 * say why, and they go into the error the caller sees.
 *
 * <p>Bounded in both directions (number of lines, length of a line) so that a chatty or binary-spewing server cannot
 * grow the heap. Lines are masked of the configuration's secrets on the way in, because they end up in exception messages.
 */
final class StderrTail {
    static final int DEFAULT_MAX_LINES = 50;
    static final int DEFAULT_MAX_LINE_CHARS = 500;

    private final int maxLines;
    private final int maxLineChars;
    private final ArrayDeque<String> lines;
    private final ReentrantLock lock = new ReentrantLock();

    private final Masker masker;

    StderrTail(Masker masker) {
        this(DEFAULT_MAX_LINES, DEFAULT_MAX_LINE_CHARS, masker);
    }

    StderrTail(int maxLines, int maxLineChars, Masker masker) {
        if (maxLines < 1 || maxLineChars < 1) {
            throw new IllegalArgumentException(
                    "maxLines: " + maxLines + ", maxLineChars: " + maxLineChars + " (expected: > 0)");
        }
        this.masker = masker;
        this.maxLines = maxLines;
        this.maxLineChars = maxLineChars;
        this.lines = new ArrayDeque<>(maxLines);
    }

    /** Adds a line, dropping the oldest one when full. */
    void add(String line) {
        String kept = masker.mask(truncate(line, maxLineChars));
        lock.lock();
        try {
            if (lines.size() == maxLines) {
                lines.removeFirst();
            }
            lines.addLast(kept);
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the kept lines, oldest first. */
    List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "...(" + (text.length() - maxChars) + " more chars)";
    }
}
