package dev.switchboard.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a call's arguments against the tool's {@code inputSchema} before anything is sent, and reports every
 * violation with its JSON path at once.
 *
 * <p>Uses networknt's json-schema-validator directly (the SDK's {@code DefaultJsonSchemaValidator} wraps it but
 * flattens all errors into one string and caches schemas by hash code alone). Schemas default to draft 2020-12, as
 * MCP specifies; a {@code $schema} naming another known draft is honoured. Remote {@code $ref}s are never fetched. A
 * schema the validator cannot use is the server's problem, not the caller's: the call goes out unchecked and the
 * problem is logged once.
 */
final class ArgumentValidator {
    private static final Logger log = LoggerFactory.getLogger(ArgumentValidator.class);
    private static final int MAX_CACHED = 512;
    private static final int MAX_LISTED = 20;
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final LogGate gate;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Compiled schemas by content; empty when the schema is unusable. Cleared when large: tools change rarely. */
    private final Map<Map<String, Object>, Optional<Schema>> compiled = new ConcurrentHashMap<>();
    /**
     * The same, by the identity of the schema map a catalog holds: a content lookup hashes the whole schema tree,
     * on every call.
     */
    private final Map<Identity, Optional<Schema>> bySchemaObject = new ConcurrentHashMap<>();

    private record Identity(Object of) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.of == of;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(of);
        }
    }

    /** @param gate where an unusable schema is logged */
    ArgumentValidator(LogGate gate) {
        this.gate = gate;
    }

    /** A violation: where in the arguments ({@code $.a.b}) and what is wrong. */
    record Violation(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** Throws INVALID_ARGUMENTS listing every violation, if there is one. */
    void check(String server, McpSchema.Tool tool, Map<String, Object> arguments) {
        List<Violation> violations = violations(server, tool, arguments);
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("arguments of tool '").append(tool.name()).append("' of server '")
                .append(server).append("' do not match its input schema (").append(violations.size())
                .append(violations.size() == 1 ? " problem):" : " problems):");
        violations.stream().limit(MAX_LISTED).forEach(v -> msg.append("\n  ").append(v));
        if (violations.size() > MAX_LISTED) {
            msg.append("\n  ... and ").append(violations.size() - MAX_LISTED).append(" more");
        }
        msg.append("\nFix the arguments (see the schema with: switchboard tools ").append(server)
                .append("), or turn checking off with orchestration.validate_arguments: false");
        throw new SwitchboardException(ErrorCode.INVALID_ARGUMENTS, server, tool.name(), msg.toString(), null);
    }

    List<Violation> violations(String server, McpSchema.Tool tool, Map<String, Object> arguments) {
        Optional<Schema> schema = schema(server, tool);
        boolean plain = JsonTree.isPlain(arguments);
        JsonNode json = null;
        try {
            if (!plain) {
                json = mapper.valueToTree(arguments);
            } else if (schema.isPresent()) {
                json = JsonTree.of(arguments); // the same tree, without a round trip through a token buffer
            }
        } catch (IllegalArgumentException e) {
            return List.of(new Violation("$", "cannot be written as JSON: " + e.getMessage()));
        }
        if (schema.isEmpty()) {
            return List.of();
        }
        List<Error> errors = schema.get().validate(json);
        if (errors.isEmpty()) {
            return List.of();
        }
        return errors.stream().map(e -> new Violation(jsonPath(e.getInstanceLocation()), e.getMessage())).toList();
    }

    /**
     * Whether a schema accepts every object, as {@code {"type": "object"}} does, with nothing but open or empty
     * properties and annotations besides; conservative: any other keyword, or any doubt, says no.
     */
    static boolean acceptsEveryObject(Map<String, Object> schema) {
        for (Map.Entry<String, Object> e : schema.entrySet()) {
            Object v = e.getValue();
            boolean harmless = switch (e.getKey()) {
                case "type" -> "object".equals(v);
                case "additionalProperties" -> Boolean.TRUE.equals(v);
                case "properties" -> v instanceof Map<?, ?> m && m.isEmpty();
                case "$schema", "$id", "$comment", "title", "description" -> true;
                default -> false;
            };
            if (!harmless) {
                return false;
            }
        }
        return true;
    }

    /** {@code $.address.zip}, {@code $.tags[1]}, {@code $['odd key']}: the notation people read in messages. */
    static String jsonPath(NodePath location) {
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else if (PLAIN_KEY.matcher(element.toString()).matches()) {
                path.append('.').append(element);
            } else {
                path.append("['").append(element.toString().replace("'", "\\'")).append("']");
            }
        }
        return path.toString();
    }

    private Optional<Schema> schema(String server, McpSchema.Tool tool) {
        Map<String, Object> input = tool.inputSchema();
        if (input == null || input.isEmpty()) {
            return Optional.empty();
        }
        Identity id = new Identity(input);
        Optional<Schema> known = bySchemaObject.get(id);
        if (known != null) {
            return known;
        }
        if (compiled.size() >= MAX_CACHED || bySchemaObject.size() >= MAX_CACHED) {
            compiled.clear();
            bySchemaObject.clear();
        }
        known = compiled.computeIfAbsent(input, k -> compile(server, tool));
        bySchemaObject.put(id, known);
        return known;
    }

    private Optional<Schema> compile(String server, McpSchema.Tool tool) {
        if (acceptsEveryObject(tool.inputSchema())) {
            return Optional.empty(); // arguments are always an object: nothing to check, on any call
        }
        try {
            Schema schema = registry.getSchema(mapper.valueToTree(tool.inputSchema()));
            schema.initializeValidators(); // resolves $refs now, so a broken schema fails here, not per call
            return Optional.of(schema);
        } catch (RuntimeException e) {
            gate.warn(log, LogEvents.CATALOG_SCHEMA_UNUSABLE).addKeyValue("server", server)
                    .addKeyValue("tool", tool.name()).addKeyValue("message", String.valueOf(e.getMessage())).log();
            return Optional.empty();
        }
    }
}
