package dev.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stdio server's stdout that writes whole lines only, so faults below the protocol can be played out between the
 * SDK's messages: garbage instead of every message, a huge line, answers with wrong ids, a silent initialize.
 */
final class RawStdout extends OutputStream {

    private static final Pattern RESPONSE_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+|\"[^\"]*\")");
    private static final byte[] GARBAGE = "{\"jsonrpc\":\"2.0\",\"id\": garbage, not JSON\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final Faults faults;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean garbage;
    private boolean initializeSwallowed;

    RawStdout(OutputStream out, Faults faults) {
        this.out = out;
        this.faults = faults;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            for (int i = off; i < off + len; i++) {
                line.write(b[i]);
                if (b[i] == '\n') {
                    emit(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** From now on every message the server writes becomes a line of garbage. */
    void startGarbage() throws IOException {
        lock.lock();
        try {
            garbage = true;
            out.write(GARBAGE);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Writes one {@code notifications/message} line whose data is {@code bytes} bytes long, in chunks. */
    void writeHugeLine(long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        lock.lock();
        try {
            out.write(("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\","
                    + "\"logger\":\"huge\",\"data\":\"").getBytes(StandardCharsets.US_ASCII));
            for (long left = bytes; left > 0; left -= CHUNK) {
                out.write(chunk, 0, (int) Math.min(CHUNK, left));
            }
            out.write("\"}}\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    private static String wrong(String id) {
        return id.startsWith("\"") ? "\"wrong-" + id.substring(1) : Long.toString(Long.parseLong(id) + 1_000_000);
    }

    private void emit(String message) throws IOException {
        if (garbage) {
            out.write(GARBAGE);
        } else if (faults.silentInitialize() && !initializeSwallowed && message.contains("\"serverInfo\"")) {
            initializeSwallowed = true; // the answer to initialize is the only one that names the server
        } else if (faults.wrongIds() && !message.contains("\"method\"") && !message.contains("\"serverInfo\"")) {
            // The first "id" of an answer is its own: the SDK writes jsonrpc, id, then result or error.
            Matcher m = RESPONSE_ID.matcher(message);
            out.write((m.find() ? m.replaceFirst(Matcher.quoteReplacement("\"id\":" + wrong(m.group(1)))) : message)
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(message.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }
}
