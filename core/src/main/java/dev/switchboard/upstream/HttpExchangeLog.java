package dev.switchboard.upstream;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * What the last HTTP exchange with a server looked like, kept so that a failure the SDK reports vaguely
 * ("Invalid request. Status code: 405") can be classified and explained precisely.
 */
final class HttpExchangeLog {
    /** One response's essentials. */
    record Response(int status, String contentType, Duration retryAfter, String wwwAuthenticate) {
        boolean isHtml() {
            return contentType != null && contentType.toLowerCase().contains("text/html");
        }
    }

    private volatile Response lastFailure;

    void record(int status, HttpHeaders headers) {
        String contentType = headers.firstValue("content-type").orElse(null);
        boolean html = contentType != null && contentType.toLowerCase().contains("text/html");
        if (status >= 200 && status < 300 && !html) {
            return;
        }
        lastFailure = new Response(status, contentType,
                headers.firstValue("retry-after").flatMap(HttpExchangeLog::parseRetryAfter).orElse(null),
                headers.firstValue("www-authenticate").orElse(null));
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
