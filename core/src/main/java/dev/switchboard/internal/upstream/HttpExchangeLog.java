package dev.switchboard.internal.upstream;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * What the last HTTP exchange with a server looked like, kept so that a failure the SDK reports vaguely
 * ("Invalid request. Status code: 405") can be classified and explained precisely.
 */
final class HttpExchangeLog {
    /** One response's essentials, and the method of the request it answered. */
    record Response(String method, int status, String contentType, Duration retryAfter, String wwwAuthenticate) {
        boolean isHtml() {
            return contentType != null && contentType.toLowerCase().contains("text/html");
        }

        /** A response no retry within the attempt can fix: the attempt may fail now rather than time out. */
        boolean endsAttempt() {
            return status == 401 || status == 403 || status == 404 || status == 405 || isHtml();
        }
    }

    /** Carries a response that ended an attempt to the classifier. */
    static final class StatusException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        StatusException(Response r) {
            super("HTTP " + r.status());
        }
    }

    private volatile Response lastFailure;
    private volatile boolean getStreamOptional;
    private volatile boolean authorizing;
    private final java.util.concurrent.atomic.AtomicBoolean optionalGetFailed =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile java.util.function.Consumer<Response> onAttemptEnding = r -> { };

    private volatile java.util.function.Consumer<Throwable> onStreamEnd = t -> { };

    /** Who to tell when a server's event stream (GET, text/event-stream) ends: with its error, or null when closed. */
    void onStreamEnd(java.util.function.Consumer<Throwable> listener) {
        this.onStreamEnd = listener;
    }

    void streamEnded(Throwable error) {
        onStreamEnd.accept(error);
    }

    private volatile java.util.function.Consumer<SseInterruption> onInterrupted = i -> { };
    private volatile Throwable getFailure;

    /** Notes the error a GET event stream broke off with, so that it can be told apart from a failed POST. */
    void getStreamFailed(Throwable error) {
        this.getFailure = error;
    }

    /** Whether this error (or its cause) is the one a GET event stream broke off with. */
    boolean isGetStreamFailure(Throwable error) {
        Throwable known = getFailure;
        for (Throwable t = error; t != null && known != null; t = t.getCause()) {
            if (t == known) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }


    /** Who to tell when a POST's event stream ended before it carried the answer (see {@link SseInterruption}). */
    void onStreamInterrupted(java.util.function.Consumer<SseInterruption> listener) {
        this.onInterrupted = listener;
    }

    void streamInterrupted(SseInterruption interruption) {
        onInterrupted.accept(interruption);
    }

    /** Who to tell when a response ends the current attempt (the SDK's SSE client would wait for its timeout). */
    void onAttemptEnding(java.util.function.Consumer<Response> listener) {
        this.onAttemptEnding = listener;
    }

    /**
     * With Streamable HTTP the GET stream is optional: a server without one may answer GET with 404, 405 or even a
     * 200 that is no event stream and still serve every POST, so a failed GET neither ends an attempt nor explains
     * a POST's failure.
     */
    void setGetStreamOptional(boolean optional) {
        this.getStreamOptional = optional;
    }

    /**
     * Whether an OAuth client answers this server's 401 and 403 (the transport then repeats the request): such a
     * refusal is neither the end of an attempt nor the explanation of a later failure. When the flow gives up, its
     * own error says why.
     */
    void setAuthorizing(boolean authorizing) {
        this.authorizing = authorizing;
    }

    /** Takes the failed optional GET recorded since the last call, if any. */
    boolean takeOptionalGetFailure() {
        return optionalGetFailed.getAndSet(false);
    }

    void record(String method, int status, HttpHeaders headers) {
        String contentType = headers.firstValue("content-type").orElse(null);
        boolean ok = status >= 200 && status < 300;
        if (getStreamOptional && "GET".equals(method)) {
            // Anything but an event stream (an error status, or a 200 with JSON or HTML) means no GET stream.
            if (!ok || contentType == null || !contentType.toLowerCase().contains("text/event-stream")) {
                optionalGetFailed.set(true);
            }
            return;
        }
        boolean html = contentType != null && contentType.toLowerCase().contains("text/html");
        if (ok && !html || authorizing && (status == 401 || status == 403)) {
            return;
        }
        Response r = new Response(method, status, contentType,
                headers.firstValue("retry-after").flatMap(HttpExchangeLog::parseRetryAfter).orElse(null),
                headers.firstValue("www-authenticate").orElse(null));
        lastFailure = r;
        if (r.endsAttempt()) {
            onAttemptEnding.accept(r);
        }
    }

    /** The last non-2xx (or HTML) response since the last {@link #reset()}. */
    Optional<Response> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    void reset() {
        lastFailure = null;
    }

    static Optional<Duration> parseRetryAfter(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // HTTP-date form: fall back to our own backoff
        }
    }
}
