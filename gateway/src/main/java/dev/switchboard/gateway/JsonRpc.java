package dev.switchboard.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON-RPC 2.0 as the gateway speaks it: reading the one message of a client's POST, and writing messages. */
final class JsonRpc {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** The answer to a request its client cancelled, for a transport that must answer something. */
    static final int REQUEST_CANCELLED = -32800;
    /** MCP's code for a resource that does not exist. */
    static final int RESOURCE_NOT_FOUND = -32002;

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One message from a client: a request (method and id), a notification (method, no id) or a response to a
     * request the gateway sent (id with result or error).
     */
    record Message(JsonNode id, String method, ObjectNode params, JsonNode result, JsonNode error) {
        boolean isRequest() {
            return method != null && id != null;
        }

        boolean isNotification() {
            return method != null && id == null;
        }

        boolean isResponse() {
            return method == null;
        }

        /** The params, or an empty object: handlers read fields without checking for null first. */
        ObjectNode paramsOrEmpty() {
            return params != null ? params : NODES.objectNode();
        }
    }

    /** A JSON-RPC error to send back: its code, a message that says what to do, optional data. */
    static final class Failure extends RuntimeException {
        private final int code;

        Failure(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private JsonRpc() {
    }

    /**
     * A mapper that refuses JSON nested deeper than {@code maxDepth} while it reads, before a deeper tree exists:
     * a small body of brackets cannot exhaust the stack of whatever walks the tree later.
     */
    static ObjectMapper reader(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()).build();
        return new ObjectMapper(factory).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Reads one message with {@link #MAPPER}; see {@link #parse(byte[], ObjectMapper)}. */
    static Message parse(byte[] body) {
        return parse(body, MAPPER);
    }

    /**
     * Reads one message with {@code reader} (see {@link #reader(int)}); a batch, invalid or too deeply nested JSON
     * or a malformed message is a {@link Failure} that says why.
     */
    static Message parse(byte[] body, ObjectMapper reader) {
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new Failure(INVALID_REQUEST, beyondLimit(e, reader));
        } catch (IOException e) {
            throw new Failure(PARSE_ERROR, "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw new Failure(PARSE_ERROR, "the body is empty (expected: one JSON-RPC message)");
        }
        if (node.isArray()) {
            throw new Failure(INVALID_REQUEST, "JSON-RPC batches are not accepted (MCP 2025-06-18 removed them):"
                    + " send one message per POST");
        }
        if (!node.isObject()) {
            throw new Failure(INVALID_REQUEST, "expected a JSON-RPC message (an object), got " + node.getNodeType());
        }
        if (!"2.0".equals(node.path("jsonrpc").asText(null))) {
            throw new Failure(INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
        }
        JsonNode id = node.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            throw new Failure(INVALID_REQUEST, "\"id\" must be a string or an integer");
        }
        JsonNode method = node.get("method");
        if (method != null && !method.isTextual()) {
            throw new Failure(INVALID_REQUEST, "\"method\" must be a string");
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isObject()) {
            throw new Failure(INVALID_REQUEST, "\"params\" must be an object");
        }
        if (method == null && (id == null || !(node.has("result") || node.has("error")))) {
            throw new Failure(INVALID_REQUEST, "a message needs a \"method\" (request, notification) or an \"id\""
                    + " with \"result\" or \"error\" (response)");
        }
        return new Message(id, method == null ? null : method.asText(), (ObjectNode) params, node.get("result"),
                node.get("error"));
    }

    /**
     * Why the reader stopped: too deep (the gateway's own setting), or beyond another of Jackson's limits (a number
     * of more than 1,000 digits, say), which must not be reported as nesting.
     */
    static String beyondLimit(StreamConstraintsException e, ObjectMapper reader) {
        String why = firstLine(e.getMessage());
        if (!why.contains("nesting depth")) {
            return "the body has a value larger than the gateway reads: " + why;
        }
        return "the body is nested more than " + reader.getFactory().streamReadConstraints().getMaxNestingDepth()
                + " levels deep, the gateway's max_json_depth (expected: flatter arguments, or a higher"
                + " gateway.max_json_depth)";
    }

    static ObjectNode result(JsonNode id, Object result) {
        ObjectNode out = envelope();
        out.set("id", id);
        out.set("result", tree(result));
        return out;
    }

    /** An error answer; {@code id} null for a message that could not be read far enough to know its id. */
    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode out = envelope();
        out.set("id", id == null ? NODES.nullNode() : id);
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return out;
    }

    static ObjectNode notification(String method, Object params) {
        ObjectNode out = envelope();
        out.put("method", method);
        if (params != null) {
            out.set("params", tree(params));
        }
        return out;
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Any value (an SDK schema record, a map, a node) as a JSON tree, as Jackson writes it. */
    static JsonNode tree(Object value) {
        return value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
    }

    static byte[] bytes(JsonNode message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode envelope() {
        ObjectNode out = NODES.objectNode();
        out.put("jsonrpc", "2.0");
        return out;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
