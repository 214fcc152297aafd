package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.GatewaySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1}: the REST API for applications and operators, routed by the table in {@link RestRoutes}. Every
 * failure is answered as {@code application/problem+json}: an unknown path 404, a method the path does not take
 * 405 with {@code Allow}, an {@code Origin} that is not allowed 403, and the library's failures by
 * {@link RestProblems}. While the gateway stops, new POSTs get 503 and those in flight may finish.
 */
final class RestApi extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(RestApi.class);

    private final Switchboard switchboard;
    private final GatewaySettings settings;
    /** Keeps REST bodies to gateway.max_json_depth, as the MCP endpoint does. */
    private final ObjectMapper reader;
    private final Origins origins;
    private final List<RestRoute> routes = RestRoutes.all();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    /** The gateway's event feed and recent figures, handed to the routes through the request; null in tests. */
    private final ServerEvents events;
    private final ServerTrends trends;
    private int inFlight;
    private volatile boolean draining;

    /** The API alone, without the gateway's event stream and recent figures (tests of the API). */
    RestApi(Switchboard switchboard, GatewaySettings settings) {
        this(switchboard, settings, null, null);
    }

    RestApi(Switchboard switchboard, GatewaySettings settings, ServerEvents events, ServerTrends trends) {
        this.events = events;
        this.trends = trends;
        this.switchboard = switchboard;
        this.settings = settings;
        this.reader = JsonRpc.reader(settings.maxJsonDepth());
        this.origins = new Origins(settings.allowedOrigins());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(RestRoutes.PREFIX) && !path.startsWith(RestRoutes.PREFIX + "/")) {
            return false;
        }
        RestExchange x = null;
        try {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin != null && !origins.allowed(origin)) {
                throw RestProblem.request(RestProblems.FORBIDDEN, "origin '" + origin + "' is not allowed; add it to"
                        + " gateway.allowed_origins if this page may use the gateway");
            }
            if (events != null) {
                request.setAttribute(ServerEvents.ATTRIBUTE, events);
            }
            if (trends != null) {
                request.setAttribute(ServerTrends.ATTRIBUTE, trends);
            }
            String[] segments = path.substring(1).split("/", -1);
            List<RestRoute> onPath = routes.stream().filter(r -> r.match(segments) != null).toList();
            RestRoute route = onPath.stream().filter(r -> r.method.equals(request.getMethod())).findFirst()
                    .orElse(null);
            if (route == null) {
                x = new RestExchange(switchboard, request, response, callback, Map.of(), 0, JsonRpc.MAPPER);
                throw unrouted(request, response, onPath);
            }
            x = new RestExchange(switchboard, request, response, callback, route.match(segments),
                    settings.maxRequestBytes(), reader);
            run(route, x);
        } catch (RestProblem p) {
            answer(request, response, callback, x, p);
        } catch (SwitchboardException e) {
            answer(request, response, callback, x, x.problem(e));
        } catch (Exception e) {
            log.atWarn().setMessage("gateway.rest.failed").addKeyValue("path", path).addKeyValue("error", e.toString())
                    .setCause(e).log();
            answer(request, response, callback, x, RestProblem.of(new SwitchboardException(ErrorCode.INTERNAL,
                    "the gateway failed to answer " + request.getMethod() + " " + path + ": " + e), switchboard));
        }
        return true;
    }

    private void run(RestRoute route, RestExchange x) throws Exception {
        boolean post = "POST".equals(route.method);
        if (post) {
            enter();
        }
        try {
            route.action.run(x);
        } finally {
            if (post) {
                leave();
            }
        }
    }

    private RestProblem unrouted(Request request, Response response, List<RestRoute> onPath) {
        if (onPath.isEmpty()) {
            return RestProblem.request(RestProblems.NOT_FOUND, "no such endpoint: " + request.getMethod() + " "
                    + Request.getPathInContext(request) + " (GET " + RestRoutes.PREFIX + "/openapi.json lists them)");
        }
        String allow = onPath.stream().map(r -> r.method).distinct().collect(Collectors.joining(", "));
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        return RestProblem.request(RestProblems.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed on "
                + Request.getPathInContext(request) + " (expected: " + allow + ")");
    }

    private void answer(Request request, Response response, Callback callback, RestExchange x, RestProblem p) {
        if (response.isCommitted()) {
            callback.failed(p); // a stream already under way: nothing else can be said
            return;
        }
        (x != null ? x : new RestExchange(switchboard, request, response, callback, Map.of(), 0, JsonRpc.MAPPER)).problem(p);
    }

    /** From now on new POSTs are refused with 503: the gateway is stopping. */
    void drain() {
        draining = true;
    }

    /** Waits until no POST is in flight, at most {@code max}; whether none is. */
    boolean awaitIdle(Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void enter() {
        if (draining) {
            throw RestProblem.of(new SwitchboardException(ErrorCode.SHUTTING_DOWN, "the gateway is shutting down:"
                    + " it takes no new calls"), switchboard);
        }
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            if (--inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
