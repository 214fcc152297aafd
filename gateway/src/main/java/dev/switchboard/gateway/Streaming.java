package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Answers over SSE: a POST whose answer may be preceded by other messages gets its own stream, and a GET follows the
 * session's stream or resumes any stream after the {@code Last-Event-ID} it names. A request whose stream the client
 * closes, and does not resume within a few seconds, is cancelled on its server.
 */
final class Streaming {
    /** How long a request whose stream broke waits for its client to resume it before it is cancelled. */
    static final Duration RESUME_GRACE = Duration.ofSeconds(5);
    /** The keep-alive of a stream answering a POST. */
    static final Duration CALL_KEEP_ALIVE = Duration.ofSeconds(2);
    /** From this version on, a client expects a stream to start with an event that carries only an id. */
    private static final String PRIMING_SINCE = "2025-11-25";

    private final Methods methods;
    private final Duration keepAlive;

    Streaming(Methods methods, Duration keepAlive) {
        this.methods = methods;
        this.keepAlive = keepAlive;
    }

    /** The answer to a request as one JSON-RPC message; what a request stream carries last. */
    JsonNode answerNow(Session session, JsonRpc.Message request) {
        JsonNode reply = methods.reply(session, request, message -> { });
        // A POST answered as JSON must carry a body: a cancelled request gets the error that says so.
        return reply != null ? reply
                : JsonRpc.error(request.id(), JsonRpc.REQUEST_CANCELLED, "the request was cancelled");
    }

    /** Answers a request on a new stream of its session, with the messages that precede the answer. */
    void answer(Session session, JsonRpc.Message request, Response response, Callback callback) {
        EventStream stream = session.newRequestStream();
        session.answering();
        Thread.ofVirtual().name("switchboard-gateway-request").start(() -> {
            try {
                JsonNode answer = methods.reply(session, request, stream::send);
                if (answer != null) {
                    stream.send(answer); // a cancelled request gets no answer, as the spec says: its stream just ends
                }
            } finally {
                stream.end();
                session.answered();
            }
        });
        EventStream.Stop stop = serve(session, stream, 0, true, response, callback);
        if (stop == EventStream.Stop.BROKEN && !stream.ended()) {
            cancelUnlessResumed(session, stream, request.id());
        }
    }

    /** Serves a GET: the session's stream from where it was, or the stream a {@code Last-Event-ID} names. */
    void follow(Session session, String lastEventId, Response response, Callback callback) {
        if (lastEventId == null) {
            serve(session, session.standalone(), session.standalone().delivered(), false, response, callback);
            return;
        }
        long[] at = EventStream.parseEventId(lastEventId);
        if (at == null) {
            Replies.error(response, callback, HttpStatus.BAD_REQUEST_400, "Last-Event-ID '" + lastEventId
                    + "' is not an event id this gateway sent");
            return;
        }
        EventStream stream = session.stream((int) at[0]);
        if (stream == null) {
            stream = new EventStream((int) at[0], 1); // forgotten long ago: say what was lost, then end
            stream.send(Notices.lostEvents(1, 0));
            stream.end();
        }
        serve(session, stream, at[1], false, response, callback);
    }

    private EventStream.Stop serve(Session session, EventStream stream, long after, boolean prime,
            Response response, Callback callback) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
        EventStream.Sink sink = chunk -> write(response, ByteBuffer.wrap(chunk));
        EventStream.Stop stop = EventStream.Stop.BROKEN;
        try {
            if (prime && session.protocolVersion().compareTo(PRIMING_SINCE) >= 0) {
                stream.prime(sink);
            } else {
                write(response, BufferUtil.EMPTY_BUFFER); // the headers go out now: the client sees the stream open
            }
            // A call's stream pings more often than a session's: a client that hangs up on it is noticed in
            // seconds, so its call is cancelled on its server soon after, not a keep-alive interval later.
            stop = stream.serve(sink, after, prime && CALL_KEEP_ALIVE.compareTo(keepAlive) < 0 ? CALL_KEEP_ALIVE
                    : keepAlive);
        } catch (IOException e) {
            stop = EventStream.Stop.BROKEN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        }
        return stop;
    }

    private static void write(Response response, ByteBuffer bytes) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, bytes, written);
            written.block();
        }
    }

    private static void cancelUnlessResumed(Session session, EventStream stream, JsonNode requestId) {
        Thread.ofVirtual().name("switchboard-gateway-resume-grace").start(() -> {
            try {
                Thread.sleep(RESUME_GRACE);
            } catch (InterruptedException e) {
                return;
            }
            if (!stream.attached() && !stream.ended()) {
                session.cancel(requestId, "the client closed the stream of this request");
            }
        });
    }
}
