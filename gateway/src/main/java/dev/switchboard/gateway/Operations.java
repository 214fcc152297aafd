package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The handler in front of every endpoint: it answers {@code /healthz}, {@code /readyz} and {@code /metrics} itself,
 * hands the gateway's {@link GatewayMetrics} to the endpoints through the request, and when each response ends,
 * times it and writes its {@link AccessLog} event. A path no endpoint serves gets 404 here, so that it is logged and
 * counted like any other refusal.
 */
final class Operations extends Handler.Wrapper {
    static final String HEALTH_PATH = "/healthz";
    static final String READY_PATH = "/readyz";
    static final String METRICS_PATH = "/metrics";
    /** Routes known by name; any other path is one label, so that scanners cannot grow the metrics. */
    private static final Set<String> ROUTES = Set.of(McpEndpoint.PATH, LegacySseEndpoint.SSE_PATH,
            LegacySseEndpoint.MESSAGE_PATH, HEALTH_PATH, READY_PATH, METRICS_PATH);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Switchboard switchboard;
    private final GatewayMetrics metrics;
    private volatile boolean draining;

    Operations(Switchboard switchboard, GatewayMetrics metrics, Handler endpoints) {
        super(endpoints);
        this.switchboard = switchboard;
        this.metrics = metrics;
    }

    /** From now on {@code /readyz} answers 503 "draining": the gateway is stopping. */
    void drain() {
        draining = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String path = Request.getPathInContext(request);
        request.setAttribute(GatewayMetrics.ATTRIBUTE, metrics);
        metrics.httpStarted(request.getMethod());
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                int status = response.isCommitted() || response.getStatus() != 0 ? response.getStatus()
                        : HttpStatus.INTERNAL_SERVER_ERROR_500;
                long nanos = System.nanoTime() - started;
                metrics.httpEnded(request.getMethod(), route(path), status, nanos);
                AccessLog.record(request, path, status, nanos);
            }
        };
        // Logged before the callback completes, so the event exists once the exchange is over.
        Callback ending = new Callback() {
            @Override
            public void succeeded() {
                end.run();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                end.run();
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        try {
            if (!own(path, request, response, ending) && !super.handle(request, response, ending)) {
                Replies.error(response, ending, HttpStatus.NOT_FOUND_404, "no endpoint at " + path + " (MCP: "
                        + McpEndpoint.PATH + ", legacy SSE: " + LegacySseEndpoint.SSE_PATH + ")");
            }
            return true;
        } catch (Exception | Error e) {
            end.run(); // Jetty answers 500 with the callback it gave us, not ours
            throw e;
        }
    }

    /** Answers the operations endpoints; false for any other path. */
    private boolean own(String path, Request request, Response response, Callback callback) {
        if (!path.equals(HEALTH_PATH) && !path.equals(READY_PATH) && !path.equals(METRICS_PATH)) {
            return false;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod() + " " + path
                    + " is not supported (expected: GET)");
            return true;
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (path.equals(METRICS_PATH)) {
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROMETHEUS_TEXT);
            response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        Probes.Answer answer = path.equals(HEALTH_PATH) ? Probes.health() : Probes.readiness(switchboard, draining);
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(JsonRpc.bytes(answer.body())), callback);
        return true;
    }

    private static String route(String path) {
        if (ROUTES.contains(path)) {
            return path;
        }
        if (path.equals(Dashboard.PAGE)) {
            return path;
        }
        if (path.startsWith(Dashboard.ASSETS)) {
            return Dashboard.ASSETS + "*";
        }
        return path.startsWith("/api/") ? "/api/*" : GatewayMetrics.OTHER;
    }
}
