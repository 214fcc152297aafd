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

    /** The body, or null when it is larger than {@code max} bytes. */
    static byte[] body(Request request, int max) throws IOException {
        long declared = request.getLength();
        if (declared > max) {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
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
