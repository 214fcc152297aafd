package dev.switchboard.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * A watch for a client hanging up an HTTP/1.1 connection that carries a long response (an SSE stream). Jetty reads
 * nothing from such a connection while the response is being written, so a client that closes a silent stream would
 * otherwise be noticed only when a keep-alive write fails, up to two keep-alive intervals later; its calls would run
 * on their servers all that time.
 */
final class Hangups {
    private Hangups() {
    }

    /**
     * Runs {@code onHangup} (once or more) when the client closes the connection of this response or the connection
     * fails. Call before the response is committed: the connection is not reused afterwards, because the watch reads
     * from it. Returns false when the connection cannot be watched (not HTTP/1), then only a failed write tells.
     */
    static boolean watch(Request request, Response response, Runnable onHangup) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        // HTTP/2 and HTTP/3 multiplex streams on one connection: reading it here would steal other requests' bytes.
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return false;
        }
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        // Jetty would read the next request from the connection once this response is done, and find the watch's
        // read pending; a connection that closes after its stream has nothing more to read.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        return endPoint.tryFillInterested(new Reader(endPoint, onHangup));
    }

    private static final class Reader implements Callback {
        private final EndPoint endPoint;
        private final Runnable onHangup;
        private final ByteBuffer buffer = BufferUtil.allocate(512);

        Reader(EndPoint endPoint, Runnable onHangup) {
            this.endPoint = endPoint;
            this.onHangup = onHangup;
        }

        @Override
        public void succeeded() {
            try {
                while (true) {
                    BufferUtil.clear(buffer);
                    int read = endPoint.fill(buffer);
                    if (read < 0) {
                        onHangup.run();
                        return;
                    }
                    if (read == 0) {
                        // Nothing more for now. Bytes a client sends on its stream's connection mean nothing: dropped.
                        endPoint.tryFillInterested(this);
                        return;
                    }
                }
            } catch (IOException e) {
                onHangup.run();
            }
        }

        @Override
        public void failed(Throwable x) {
            onHangup.run();
        }
    }
}
