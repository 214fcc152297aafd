package dev.switchboard.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One operation of the REST API: its method and path template, what it does, its parameters, body and answer
 * schemas, the problem statuses it may answer, and the action that answers it. The router dispatches by these and
 * the OpenAPI document is written from these, so the two cannot disagree. Built once, in {@link RestRoutes}.
 */
final class RestRoute {
    /** Answers one exchange; a {@link RestProblem} or a library failure it throws is answered as a problem. */
    @FunctionalInterface
    interface Action {
        void run(RestExchange x) throws Exception;
    }

    /** A path or query parameter. */
    record Param(String name, String in, boolean required, String description) {
    }

    final String method;
    final String path;
    final String[] segments;
    final List<Param> params = new ArrayList<>();
    final TreeSet<Integer> problems = new TreeSet<>(List.of(403, 500, 503));
    String operationId;
    String tag;
    String summary;
    String description;
    String body;
    boolean bodyOptional;
    String returns;
    boolean streams;
    /** The schema of the events of a route that answers only with an event stream; else null. */
    String events;
    Action action;

    private RestRoute(String method, String path) {
        this.method = method;
        this.path = path;
        this.segments = path.substring(1).split("/");
        for (String s : segments) {
            if (s.startsWith("{")) {
                params.add(new Param(s.substring(1, s.length() - 1), "path", true, null));
            }
        }
    }

    static RestRoute get(String path) {
        return new RestRoute("GET", path);
    }

    static RestRoute post(String path) {
        return new RestRoute("POST", path);
    }

    RestRoute id(String id, String tagName, String text) {
        this.operationId = id;
        this.tag = tagName;
        this.summary = text;
        return this;
    }

    RestRoute describe(String text) {
        this.description = text;
        return this;
    }

    /** Describes the path parameter {@code name}. */
    RestRoute pathParam(String name, String text) {
        params.replaceAll(p -> p.name().equals(name) ? new Param(name, "path", true, text) : p);
        return this;
    }

    RestRoute query(String name, boolean required, String text) {
        params.add(new Param(name, "query", required, text));
        if (required) {
            problems.add(400);
        }
        return this;
    }

    /** A JSON body of this schema; required unless {@code optional}. */
    RestRoute body(String schema, boolean optional) {
        this.body = schema;
        this.bodyOptional = optional;
        problems.addAll(List.of(400, 413, 415));
        return this;
    }

    /** The 200 answer's schema. */
    RestRoute returns(String schema) {
        this.returns = schema;
        return this;
    }

    /** The 200 answer may also be an event stream (with {@code Accept: text/event-stream}). */
    RestRoute streams() {
        this.streams = true;
        return this;
    }

    /** The 200 answer is always an event stream, whose events' data fit this schema. */
    RestRoute eventStream(String schema) {
        this.events = schema;
        return this;
    }

    RestRoute problems(Integer... statuses) {
        problems.addAll(List.of(statuses));
        return this;
    }

    RestRoute does(Action a) {
        this.action = a;
        return this;
    }

    /** The path parameters when {@code request} (split at '/') fits this route's template; else null. */
    Map<String, String> match(String[] request) {
        if (request.length != segments.length) {
            return null;
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
                if (request[i].isEmpty()) {
                    return null;
                }
                found.put(segments[i].substring(1, segments[i].length() - 1), request[i]);
            } else if (!segments[i].equals(request[i])) {
                return null;
            }
        }
        return found;
    }
}
