package dev.switchboard.gateway;

import dev.switchboard.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table that maps every problem of the REST API to its HTTP status: each {@link ErrorCode} of the library,
 * two refinements of them (a disabled server, a reload without a file), and the API's own problems with a request.
 * The OpenAPI document and docs/gateway.md show this table; a code missing from it is a bug found at class load.
 */
final class RestProblems {
    static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    static final String FORBIDDEN = "FORBIDDEN";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    static final String RATE_LIMITED = "RATE_LIMITED";
    /** More event streams open than a caller, or the gateway, may hold at once. */
    static final String TOO_MANY_STREAMS = "TOO_MANY_STREAMS";
    /** SERVER_UNAVAILABLE of a server an operator disabled: 409, since waiting does not bring it back. */
    static final String SERVER_DISABLED = "SERVER_DISABLED";
    /** AUTH_FAILED of a {@code credentials: per_user} server: the caller's identity has no (valid) grant for it. */
    static final String AUTHORIZATION_REQUIRED = "AUTHORIZATION_REQUIRED";
    /** CONFIG_INVALID of a reload when Switchboard was not started from a file: nothing to read. */
    static final String NOTHING_TO_RELOAD = "NOTHING_TO_RELOAD";

    /**
     * One row: the problem's name (in its type URI), the {@code code} clients see (the ErrorCode, or the API's own
     * code), its HTTP status and title, and whether it carries {@code Retry-After} when waiting helps.
     */
    record Row(String code, String errorCode, int status, String title, boolean retryAfter) {
    }

    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    static {
        api(MALFORMED_REQUEST, 400, "Malformed request");
        api(FORBIDDEN, 403, "Forbidden");
        api(NOT_FOUND, 404, "Not found");
        api(METHOD_NOT_ALLOWED, 405, "Method not allowed");
        api(PAYLOAD_TOO_LARGE, 413, "Content too large");
        api(UNSUPPORTED_MEDIA_TYPE, 415, "Unsupported media type");
        ROWS.put(RATE_LIMITED, new Row(RATE_LIMITED, RATE_LIMITED, 429, "Too many requests", true));
        api(TOO_MANY_STREAMS, 429, "Too many event streams");

        library(ErrorCode.UNKNOWN_SERVER, 404, "Unknown server");
        library(ErrorCode.UNKNOWN_TOOL, 404, "Unknown tool");
        library(ErrorCode.UNKNOWN_PROMPT, 404, "Unknown prompt");
        library(ErrorCode.UNKNOWN_RESOURCE, 404, "Unknown resource");
        library(ErrorCode.AMBIGUOUS_TOOL, 409, "Ambiguous tool name");
        library(ErrorCode.AMBIGUOUS_RESOURCE, 409, "Ambiguous name");
        refined(SERVER_DISABLED, ErrorCode.SERVER_UNAVAILABLE, 409, "Server disabled", false);
        refined(AUTHORIZATION_REQUIRED, ErrorCode.AUTH_FAILED, 403, "Authorization required", false);
        refined(NOTHING_TO_RELOAD, ErrorCode.CONFIG_INVALID, 409, "Nothing to reload", false);
        library(ErrorCode.CONFIG_INVALID, 422, "Invalid configuration");
        library(ErrorCode.INVALID_ARGUMENTS, 422, "Invalid arguments");
        library(ErrorCode.INTERNAL, 500, "Internal error");
        // The server answered, but not with a result: a bad gateway in HTTP's words (not 401/403: the credentials
        // the server refused are the gateway's, not the caller's).
        library(ErrorCode.AUTH_FAILED, 502, "Server refused the credentials");
        library(ErrorCode.PROTOCOL_MISMATCH, 502, "Server speaks no compatible MCP");
        library(ErrorCode.PROCESS_START_FAILED, 502, "Server process could not start");
        library(ErrorCode.PROCESS_EXITED, 502, "Server process exited");
        library(ErrorCode.RPC_ERROR, 502, "Server answered with an error");
        library(ErrorCode.TOOL_ERROR, 502, "Tool reported an error");
        retryable(ErrorCode.SERVER_UNAVAILABLE, 503, "Server unavailable");
        retryable(ErrorCode.UNREACHABLE, 503, "Server unreachable");
        retryable(ErrorCode.SESSION_EXPIRED, 503, "Server session expired");
        retryable(ErrorCode.CIRCUIT_OPEN, 503, "Circuit open");
        retryable(ErrorCode.OVERLOADED, 503, "Server overloaded");
        library(ErrorCode.SHUTTING_DOWN, 503, "Shutting down");
        library(ErrorCode.CANCELLED, 503, "Cancelled");
        library(ErrorCode.TIMEOUT, 504, "Timeout");
        List<ErrorCode> missing = Arrays.stream(ErrorCode.values()).filter(c -> !ROWS.containsKey(c.name())).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no HTTP status for " + missing + " in RestProblems");
        }
    }

    private RestProblems() {
    }

    /** The row of a code; an unknown code is a bug of the API's own, answered as INTERNAL. */
    static Row row(String code) {
        Row row = ROWS.get(code);
        return row != null ? row : ROWS.get(ErrorCode.INTERNAL.name());
    }

    /** Every row, in the table's order (by status). */
    static List<Row> rows() {
        return List.copyOf(ROWS.values());
    }

    /** Every {@code code} a problem may carry. */
    static List<String> codes() {
        return ROWS.values().stream().map(Row::errorCode).distinct().toList();
    }

    private static void api(String code, int status, String title) {
        ROWS.put(code, new Row(code, code, status, title, false));
    }

    private static void library(ErrorCode code, int status, String title) {
        ROWS.put(code.name(), new Row(code.name(), code.name(), status, title, false));
    }

    private static void retryable(ErrorCode code, int status, String title) {
        ROWS.put(code.name(), new Row(code.name(), code.name(), status, title, true));
    }

    private static void refined(String name, ErrorCode code, int status, String title, boolean retryAfter) {
        ROWS.put(name, new Row(name, code.name(), status, title, retryAfter));
    }
}
