package dev.switchboard.gateway;

import java.time.Duration;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's access log: one structured event {@code gateway.access} at INFO per HTTP request, when its response
 * has ended, with {@code method}, {@code path}, {@code status}, {@code duration_ms}, {@code token_name} (the name
 * access control gave the caller, never the token) and {@code client} (the peer's address: behind a proxy, the
 * proxy's). The path is logged without its query, which can carry a session id. Its logger is this class, so that
 * operators can route or silence it on its own.
 */
final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private AccessLog() {
    }

    static void record(Request request, String path, int status, long nanos) {
        if (!log.isInfoEnabled()) {
            return;
        }
        log.atInfo().setMessage("gateway.access")
                .addKeyValue("method", request.getMethod())
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", Duration.ofNanos(nanos).toMillis())
                .addKeyValue("token_name", Caller.of(request).name())
                .addKeyValue("client", Request.getRemoteAddr(request))
                .log();
    }
}
