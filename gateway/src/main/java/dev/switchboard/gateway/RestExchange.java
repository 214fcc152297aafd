package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One REST request being answered: its path and query parameters, its body read within the size limit, its
 * {@link Caller}, and the answer written as JSON or as a problem. What the caller may not see is answered as if it
 * did not exist, here, in one place.
 */
final class RestExchange {
    private static final Set<ErrorCode> NAME_LOOKUPS = Set.of(ErrorCode.UNKNOWN_TOOL, ErrorCode.UNKNOWN_SERVER,
            ErrorCode.UNKNOWN_PROMPT, ErrorCode.UNKNOWN_RESOURCE, ErrorCode.AMBIGUOUS_TOOL,
            ErrorCode.AMBIGUOUS_RESOURCE);

    final Switchboard switchboard;
    final Request request;
    final Response response;
    final Callback callback;
    private final Map<String, String> pathParams;
    private final int maxBodyBytes;
    private final ObjectMapper reader;
    private final Caller caller;
    private Fields query;

    RestExchange(Switchboard switchboard, Request request, Response response, Callback callback,
            Map<String, String> pathParams, int maxBodyBytes, ObjectMapper reader) {
        this.switchboard = switchboard;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.pathParams = pathParams;
        this.maxBodyBytes = maxBodyBytes;
        this.reader = reader;
        this.caller = Caller.of(request);
    }

    Caller caller() {
        return caller;
    }

    /** The gateway's recent figures of each server, or null outside a gateway (a test of the API alone). */
    ServerTrends trends() {
        return request.getAttribute(ServerTrends.ATTRIBUTE) instanceof ServerTrends t ? t : null;
    }

    String path(String name) {
        return pathParams.get(name);
    }

    /** A query parameter, or null when it is missing or empty. */
    String query(String name) {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request);
            } catch (RuntimeException e) {
                // Jetty's "400: Bad query" (a % without two hex digits, or not UTF-8) was answered 500 (found by
                // fuzzing).
                if (!(e instanceof HttpException)) {
                    throw e;
                }
                throw RestBody.malformed("the query string is not valid (expected: UTF-8 parameters, percent-encoded"
                        + " as in a URL)");
            }
        }
        String v = query.getValue(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String requiredQuery(String name) {
        String v = query(name);
        if (v == null) {
            throw RestBody.malformed("the query parameter '" + name + "' is required");
        }
        return v;
    }

    /**
     * The body as a JSON object with only the {@code known} fields: 415 when it is not JSON, 413 over
     * {@code gateway.max_request_bytes}, 400 when it cannot be read. An empty body without a media type is an
     * empty object when {@code optional}.
     */
    RestBody body(Set<String> known, boolean optional) throws IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        byte[] bytes;
        try {
            bytes = Replies.body(request, maxBodyBytes);
        } catch (EofException cutShort) {
            // The client's fault, not the gateway's: it was answered 500 and logged as a failure (found by fuzzing).
            throw RestBody.malformed("the body ended before its Content-Length: the client stopped sending it");
        }
        if (bytes == null) {
            throw RestProblem.request(RestProblems.PAYLOAD_TOO_LARGE, "the body is larger than"
                    + " gateway.max_request_bytes (" + maxBodyBytes + " bytes)");
        }
        if (optional && bytes.length == 0 && type == null) {
            return RestBody.of(JsonRpc.object(), "body", known);
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw RestProblem.request(RestProblems.UNSUPPORTED_MEDIA_TYPE, "the body must be JSON with"
                    + " Content-Type: application/json (got " + type + ")");
        }
        return RestBody.of(RestBody.json(bytes, reader), "body", known);
    }

    /** A visible server's status, by name or alias; 404 for one that does not exist or is not visible. */
    ServerStatus server(String name) {
        ServerStatus status;
        try {
            status = switchboard.status(name);
        } catch (SwitchboardException e) {
            throw masked(e) ? RestProblem.unknownServer(name) : problem(e);
        }
        if (!caller.maySee(status.name(), null)) {
            throw RestProblem.unknownServer(name);
        }
        return status;
    }

    /**
     * The catalog entry a qualified or bare tool name means for this caller: for a bare name, the best server
     * offering it that the caller may see; 404 for a name that does not exist or is not visible.
     */
    CatalogEntry tool(String name) {
        CatalogEntry entry;
        try {
            entry = switchboard.resolveTool(name);
        } catch (SwitchboardException e) {
            throw masked(e) ? RestProblem.unknownTool(name) : problem(e);
        }
        if (caller.maySee(entry.server(), entry.tool())) {
            return entry;
        }
        if (name.equals(entry.tool())) {
            List<CatalogEntry> catalog = switchboard.catalog();
            for (String server : entry.alsoOfferedBy()) {
                if (caller.maySee(server, entry.tool())) {
                    return catalog.stream().filter(e -> e.server().equals(server) && e.tool().equals(name))
                            .findFirst().orElseThrow(() -> RestProblem.unknownTool(name));
                }
            }
        }
        throw RestProblem.unknownTool(name);
    }

    /**
     * The problem for a failure of the library. A name lookup keeps the library's message (it suggests close names)
     * only for a caller that may see everything, so that no hidden name leaks through a suggestion.
     */
    RestProblem problem(SwitchboardException e) {
        if (masked(e)) {
            String name = e.tool().or(e::server).orElse("?");
            return switch (e.code()) {
                case UNKNOWN_PROMPT -> RestProblem.unknownPrompt(name);
                case UNKNOWN_RESOURCE, AMBIGUOUS_RESOURCE -> RestProblem.unknownResource(name);
                case UNKNOWN_SERVER -> RestProblem.unknownServer(e.server().orElse(name));
                default -> RestProblem.unknownTool(name);
            };
        }
        return RestProblem.of(e, switchboard);
    }

    /** Whether the library's message could name what the caller may not see. */
    private boolean masked(SwitchboardException e) {
        return e.server().filter(s -> !caller.maySee(s, null)).isPresent()
                || NAME_LOOKUPS.contains(e.code()) && !seesEverything();
    }

    private boolean seesEverything() {
        return switchboard.status().stream().allMatch(s -> caller.maySee(s.name(), null))
                && switchboard.catalog().stream().allMatch(c -> caller.maySee(c.server(), c.tool()));
    }

    /**
     * Takes {@code calls} calls from the caller's rate limits (a batch takes one per item it sends), or answers 429
     * with the longest wait; the permits of a refused batch are spent, as its calls were asked for.
     */
    void permitCalls(int calls) {
        Duration longest = null;
        for (int i = 0; i < calls; i++) {
            Duration wait = caller.permitCall();
            if (wait != null && (longest == null || wait.compareTo(longest) > 0)) {
                longest = wait;
            }
        }
        if (longest != null) {
            throw RestProblem.rateLimited(longest);
        }
    }

    void json(int status, JsonNode body) {
        write(status, "application/json", body);
    }

    void problem(RestProblem problem) {
        if (problem.retryAfter() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(RestProblem.seconds(
                    problem.retryAfter())));
        }
        write(problem.status(), RestProblem.MEDIA_TYPE, problem.body());
    }

    private void write(int status, String type, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(JsonRpc.bytes(body)), callback);
    }
}
