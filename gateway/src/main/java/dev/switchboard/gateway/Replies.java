package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** Small HTTP helpers: reading a bounded body, content negotiation, and the answers the endpoint writes. */
final class Replies {
    private Replies() {
    }

    /** The most of a refused body read only to let its client finish sending it. */
    private static final long DISCARD_LIMIT = 64L * 1024 * 1024;

    /** The body, or null when it is larger than {@code max} bytes. */
    static byte[] body(Request request, int max) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (request.getLength() > max) {
                discard(in);
                return null;
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                discard(in);
                return null;
            }
            return bytes;
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound: a client still sending it when the connection
     * closes would meet a reset instead of reading the refusal. Beyond the bound the connection is closed anyway.
     */
    private static void discard(InputStream in) throws IOException {
        long left = DISCARD_LIMIT;
        long skipped;
        while (left > 0 && (skipped = in.skip(left)) > 0) {
            left -= skipped;
        }
    }

    /**
     * The one JSON-RPC message a POST carries, or null after answering 413 (larger than {@code maxBytes}) or 400
     * (not one JSON-RPC message, or nested deeper than {@code reader} allows).
     */
    static JsonRpc.Message message(Request request, Response response, Callback callback, int maxBytes,
            com.fasterxml.jackson.databind.ObjectMapper reader) throws IOException {
        byte[] body = body(request, maxBytes);
        if (body == null) {
            error(response, callback, org.eclipse.jetty.http.HttpStatus.PAYLOAD_TOO_LARGE_413, "the message is larger"
                    + " than gateway.max_request_bytes (" + maxBytes + " bytes)");
            return null;
        }
        try {
            return JsonRpc.parse(body, reader);
        } catch (JsonRpc.Failure f) {
            json(response, callback, org.eclipse.jetty.http.HttpStatus.BAD_REQUEST_400,
                    JsonRpc.error(null, f.code(), f.getMessage()));
            return null;
        }
    }

    /** Whether the request accepts this media type (a missing Accept, or a wildcard, accepts everything). */
    static boolean accepts(Request request, String type) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null) {
            return true;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains(type) || a.contains("*/*") || a.contains(type.substring(0, type.indexOf('/')) + "/*");
    }

    /** Writes a JSON answer; one with an error status is a refusal, counted as such in the gateway's metrics. */
    static void json(Response response, Callback callback, int status, JsonNode body) {
        if (status >= HttpStatus.BAD_REQUEST_400) {
            GatewayMetrics.of(response.getRequest()).rejected(status);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(JsonRpc.bytes(body)), callback);
    }

    /** An HTTP-level refusal; the body is a JSON-RPC error without an id, as the spec allows. */
    static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, message));
    }

    static void status(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }
}
