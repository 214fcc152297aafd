package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The way in from a server: reads its stdout line by line, turns each line into a JSON-RPC message and hands it to
 * the session's handler, in order, on the reading thread.
 *
 * <p>A line that is not JSON-RPC (a banner, a stray {@code console.log}, a truncated blob) is logged, scrubbed and
 * shortened, and skipped: the SDK's transport ends the whole session on such a line.
 */
final class StdioInbound {
    static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(StdioInbound.class);
    private static final int LOGGED_LINE_CHARS = 200;
    private static final int INVALID_LINES_LOGGED_AT_WARN = 20;

    private final String server;
    private final McpJsonMapper mapper;
    private final StdioInFlight inFlight;
    private final Masker masker;
    private final LogGate gate;
    private final AtomicInteger invalidLines = new AtomicInteger();
    // JSON-RPC messages read since the last line that was not one; written by the reading thread only.
    private volatile long messagesSinceInvalid;
    private volatile InvalidOutput invalid = InvalidOutput.NONE;
    private volatile Consumer<InvalidOutput> onInvalid = i -> { };
    private volatile Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler;

    StdioInbound(String server, McpJsonMapper mapper, StdioInFlight inFlight, Masker masker, LogGate gate) {
        this.masker = masker;
        this.gate = gate;
        this.server = server;
        this.mapper = mapper;
        this.inFlight = inFlight;
    }

    void setHandler(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        this.handler = handler;
    }

    /**
     * Reads {@code stdout} to its end, delivering each message; {@code onFirstMessage} runs before the first one is
     * delivered.
     */
    void pump(InputStream stdout, Runnable onFirstMessage) throws IOException {
        var reader = new StdioLineReader(new InputStreamReader(stdout, StandardCharsets.UTF_8), MAX_MESSAGE_CHARS);
        boolean first = true;
        String line;
        while ((line = reader.readLine()) != null) {
            if (reader.lastLineTruncated()) {
                skip(line, "longer than " + MAX_MESSAGE_CHARS + " characters");
                continue;
            }
            JSONRPCMessage message = line.isBlank() ? null : parse(line);
            if (message != null) {
                messagesSinceInvalid++;
                if (first) {
                    first = false;
                    onFirstMessage.run();
                }
                if (message instanceof JSONRPCResponse response) {
                    inFlight.answered(response.id());
                }
                deliver(message);
            }
        }
    }

    /** Hands a message to the session (also used for the responses the transport makes up). */
    void deliver(JSONRPCMessage message) {
        var h = handler;
        if (h == null) {
            gate.debug(log, LogEvents.UPSTREAM_STDIO_NO_HANDLER).addKeyValue("server", server).log();
            return;
        }
        try {
            h.apply(Mono.just(message)).subscribe(ignored -> { }, this::handlerFailed);
        } catch (RuntimeException e) {
            handlerFailed(e);
        }
    }

    private JSONRPCMessage parse(String line) {
        try {
            return McpSchema.deserializeJsonRpcMessage(mapper, line);
        } catch (IOException | RuntimeException e) {
            skip(line, e.getMessage());
            return null;
        }
    }

    /** What the server wrote so far that is not JSON-RPC. */
    InvalidOutput invalidOutput() {
        return invalid;
    }

    /** Whether the last line the server wrote was not JSON-RPC, and no message came after it. */
    boolean garbledNow() {
        return invalidLines.get() > 0 && messagesSinceInvalid == 0;
    }

    /** Who is told of each line that is not JSON-RPC (masked, cut short). */
    void onInvalidOutput(Consumer<InvalidOutput> listener) {
        this.onInvalid = listener;
    }

    private void skip(String line, String reason) {
        int count = invalidLines.incrementAndGet();
        messagesSinceInvalid = 0;
        InvalidOutput now = new InvalidOutput(count, masker.mask(StderrTail.truncate(line, LOGGED_LINE_CHARS)));
        invalid = now;
        answerWithTheFailure(line, reason);
        onInvalid.accept(now);
        // A server that prints garbage all the time should not flood the log at warn level.
        var event = count <= INVALID_LINES_LOGGED_AT_WARN
                ? gate.warn(log, LogEvents.UPSTREAM_STDIO_INVALID_LINE)
                : gate.debug(log, LogEvents.UPSTREAM_STDIO_INVALID_LINE);
        event.addKeyValue("server", server)
                .addKeyValue("line", masker.mask(StderrTail.truncate(line, LOGGED_LINE_CHARS)))
                .addKeyValue("reason", masker.mask(StderrTail.truncate(String.valueOf(reason), LOGGED_LINE_CHARS)))
                .addKeyValue("count", count).log();
    }

    /**
     * A line that is JSON with the id of a request waiting for its answer, but not a JSON-RPC response, is that
     * request's answer gone wrong: the request fails now with PROTOCOL_MISMATCH instead of waiting for its deadline.
     */
    private void answerWithTheFailure(String line, String reason) {
        Object id;
        try {
            id = mapper.readValue(line, Map.class).get("id");
        } catch (IOException | RuntimeException notJson) {
            return; // no id to tell whose answer it was
        }
        String method = inFlight.take(id);
        if (method != null) {
            deliver(StdioInFlight.failure(id, method, ErrorCode.PROTOCOL_MISMATCH, masker.mask("server '" + server
                    + "' answered " + method + " with a message that is not JSON-RPC (" + reason + "): check that it"
                    + " speaks MCP on stdout")));
        }
    }

    private void handlerFailed(Throwable e) {
        gate.warn(log, LogEvents.UPSTREAM_STDIO_HANDLER_FAILED).addKeyValue("server", server).setCause(e).log();
    }
}
