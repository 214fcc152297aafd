package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tool of a fake server: what it advertises ({@code tools/list}) and how it behaves when called.
 *
 * <p>Create one with a factory named after its behaviour ({@link #echo}, {@link #delay}, {@link #rpcError}, ...)
 * and refine it with the {@code with...} methods.
 *
 * @param name        the tool name, not validated (tests may need names real servers would reject)
 * @param description the advertised description
 * @param inputSchema the advertised JSON schema of the arguments; never enforced by the fake
 * @param annotations the advertised hints ({@code readOnlyHint}, ...), or {@code null}
 * @param behavior    what a call does
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FakeTool(String name, String description, Map<String, Object> inputSchema,
                       McpSchema.ToolAnnotations annotations, Behavior behavior) {

    /** The kinds of behaviour a fake tool can have; the JSON names are the lower-case, dashed forms. */
    public enum Kind {
        /** Returns its arguments as JSON text. */
        @JsonProperty("echo") ECHO,
        /** Returns a fixed text. */
        @JsonProperty("text") TEXT,
        /** Waits {@code delayMs}, then returns a text. */
        @JsonProperty("delay") DELAY,
        /** Returns a result with {@code isError: true} and the message as text. */
        @JsonProperty("error") ERROR,
        /** Answers with a JSON-RPC error ({@code code}, message in {@code text}). */
        @JsonProperty("rpc-error") RPC_ERROR,
        /** Ends the server process with {@code code} while the call is pending (in-process: stops the server). */
        @JsonProperty("exit") EXIT,
        /** Never answers. */
        @JsonProperty("hang") HANG,
        /** Returns the value of the environment variable named by the argument {@code name}. */
        @JsonProperty("env") ENV,
        /** Sends {@code steps} progress notifications {@code delayMs} apart (if the call has a token), then returns. */
        @JsonProperty("progress") PROGRESS,
        /** Returns {@code content} as it is (images, audio, embedded resources, several items). */
        @JsonProperty("content") CONTENT,
        /** Sends {@code steps} {@code notifications/message} at level info {@code delayMs} apart, then returns. */
        @JsonProperty("log") LOG,
        /** Asks the client for an LLM completion of the argument {@code prompt} and returns the answer's text. */
        @JsonProperty("sampling") SAMPLING,
        /** Asks the client for input ({@code text} or the argument {@code message}, {@code schema}); returns it. */
        @JsonProperty("elicitation") ELICITATION,
        /** Stdio: from this call on the server writes a line of garbage instead of every message; never answers. */
        @JsonProperty("garbage") GARBAGE,
        /** Stdio: writes one notification line of {@code steps} bytes, then answers "done". */
        @JsonProperty("huge-line") HUGE_LINE,
        /** Returns the request's {@code _meta} as JSON text (keys sorted), e.g. the trace context it carried. */
        @JsonProperty("meta") META,
        /**
         * HTTP: answers {@code user=<user> session=<id>}, the user whose bearer token the request carried (see
         * {@code FakeMcpServer.Builder.bearerUser}; "none" without one) and the MCP session it came on.
         */
        @JsonProperty("whoami") WHOAMI
    }

    /**
     * What a call of the tool does; which fields matter depends on the kind.
     *
     * @param kind    the behaviour
     * @param text    result text (TEXT, DELAY), error message (ERROR, RPC_ERROR), message shown (ELICITATION)
     * @param delayMs delay before answering (DELAY) or between progress steps (PROGRESS) or log messages (LOG)
     * @param code    JSON-RPC error code (RPC_ERROR) or process exit code (EXIT)
     * @param steps   number of progress notifications (PROGRESS) or log messages (LOG), line length (HUGE_LINE)
     * @param content the result (CONTENT)
     * @param schema  the requested schema (ELICITATION)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Behavior(Kind kind, String text, Long delayMs, Integer code, Integer steps,
                           List<FakeContent> content, Map<String, Object> schema) {
        public Behavior {
            Objects.requireNonNull(kind, "kind");
            content = content == null ? null : List.copyOf(content);
            // Insertion order kept: a schema reads best in the order it was written.
            schema = schema == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(schema));
        }
    }

    public FakeTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(behavior, "behavior");
        description = description == null ? "Fake tool " + name + " (" + behavior.kind() + ")" : description;
        inputSchema = inputSchema == null ? OPEN_OBJECT : Map.copyOf(inputSchema);
    }

    // Accepts any arguments: the fake never validates them, so tests can send what a real client might.
    private static final Map<String, Object> OPEN_OBJECT = Map.of("type", "object", "additionalProperties", true);

    private static FakeTool of(String name, Kind kind, String text, Long delayMs, Integer code, Integer steps) {
        return new FakeTool(name, null, null, null, new Behavior(kind, text, delayMs, code, steps, null, null));
    }

    /** A tool that returns its arguments as JSON text (keys sorted). */
    public static FakeTool echo(String name) {
        return of(name, Kind.ECHO, null, null, null, null);
    }

    /** A tool that returns its request's {@code _meta} as JSON text (keys sorted); {@code {}} for none. */
    public static FakeTool meta(String name) {
        return of(name, Kind.META, null, null, null, null);
    }

    /** A tool that answers who called it: {@code user=<user> session=<id>} (see {@link Kind#WHOAMI}). */
    public static FakeTool whoami(String name) {
        return of(name, Kind.WHOAMI, null, null, null, null);
    }

    /** A tool that always returns {@code text}. */
    public static FakeTool text(String name, String text) {
        return of(name, Kind.TEXT, text, null, null, null);
    }

    /** A tool that answers "done" after {@code delay}. */
    public static FakeTool delay(String name, Duration delay) {
        return of(name, Kind.DELAY, "done", delay.toMillis(), null, null);
    }

    /** A tool whose result has {@code isError: true} with {@code message} as its text. */
    public static FakeTool error(String name, String message) {
        return of(name, Kind.ERROR, message, null, null, null);
    }

    /** A tool that answers with the JSON-RPC error {@code code} / {@code message}. */
    public static FakeTool rpcError(String name, int code, String message) {
        return of(name, Kind.RPC_ERROR, message, null, code, null);
    }

    /** A tool that makes the server process exit with {@code exitCode} while the call is pending. */
    public static FakeTool exit(String name, int exitCode) {
        return of(name, Kind.EXIT, null, null, exitCode, null);
    }

    /** A tool that never answers. */
    public static FakeTool hang(String name) {
        return of(name, Kind.HANG, null, null, null, null);
    }

    /** A tool that returns the server's environment variable named by the argument {@code name}. */
    public static FakeTool env(String name) {
        return of(name, Kind.ENV, null, null, null, null).withInputSchema(Map.of("type", "object",
                "properties", Map.of("name", Map.of("type", "string")), "required", List.of("name")));
    }

    /** A tool that reports {@code steps} progress notifications {@code interval} apart, then answers. */
    public static FakeTool progress(String name, int steps, Duration interval) {
        return of(name, Kind.PROGRESS, null, interval.toMillis(), null, steps);
    }

    /** A tool that returns these content items (text, image, audio, embedded resources) in this order. */
    public static FakeTool content(String name, FakeContent... content) {
        return new FakeTool(name, null, null, null,
                new Behavior(Kind.CONTENT, null, null, null, null, List.of(content), null));
    }

    /**
     * A tool that sends {@code messages} log notifications ({@code notifications/message}, level info, logger the
     * tool's name, data {@code "<tool> log i/n"}) {@code interval} apart, then answers; the client's
     * {@code logging/setLevel} filters them.
     */
    public static FakeTool logging(String name, int messages, Duration interval) {
        return of(name, Kind.LOG, null, interval.toMillis(), null, messages);
    }

    /**
     * A tool that sends {@code sampling/createMessage} (one user message: the argument {@code prompt}, maxTokens
     * 100) to the client that called it and returns {@code "LLM response: <the answer's text>"}; an error result
     * if the client has no sampling capability or refuses.
     */
    public static FakeTool sampling(String name) {
        return of(name, Kind.SAMPLING, null, null, null, null).withInputSchema(Map.of("type", "object",
                "properties", Map.of("prompt", Map.of("type", "string")), "required", List.of("prompt")));
    }

    /**
     * A tool that sends {@code elicitation/create} (form mode) to the client that called it, with {@code message}
     * (null: the argument {@code message}) and {@code requestedSchema}, and returns
     * {@code "Elicitation completed: action=<action>, content=<content as JSON>"}; an error result if the client
     * has no elicitation capability or fails.
     */
    public static FakeTool elicitation(String name, String message, Map<String, Object> requestedSchema) {
        FakeTool tool = new FakeTool(name, null, null, null,
                new Behavior(Kind.ELICITATION, message, null, null, null, null, requestedSchema));
        return message != null ? tool : tool.withInputSchema(Map.of("type", "object",
                "properties", Map.of("message", Map.of("type", "string")), "required", List.of("message")));
    }

    /**
     * A tool after whose call the server (stdio only) writes a line of garbage instead of every message it would
     * have sent, this call's answer included: a server that starts writing garbage. Over HTTP it is an RPC error.
     */
    public static FakeTool garbage(String name) {
        return of(name, Kind.GARBAGE, null, null, null, null);
    }

    /**
     * A tool that makes the server (stdio only) write one {@code notifications/message} line of {@code bytes}
     * bytes (e.g. 50 MB) and then answer "done"; over HTTP it is an RPC error.
     */
    public static FakeTool hugeLine(String name, int bytes) {
        return of(name, Kind.HUGE_LINE, "done", null, null, bytes);
    }

    /** This tool with another description. */
    public FakeTool withDescription(String newDescription) {
        return new FakeTool(name, newDescription, inputSchema, annotations, behavior);
    }

    /** This tool with another advertised input schema. */
    public FakeTool withInputSchema(Map<String, Object> schema) {
        return new FakeTool(name, description, schema, annotations, behavior);
    }

    /** This tool with other advertised annotations. */
    public FakeTool withAnnotations(McpSchema.ToolAnnotations newAnnotations) {
        return new FakeTool(name, description, inputSchema, newAnnotations, behavior);
    }

    /** This tool advertised as read-only ({@code readOnlyHint: true}). */
    public FakeTool readOnly() {
        return withAnnotations(new McpSchema.ToolAnnotations(null, true, false, true, false, null));
    }

    /** The tool as {@code tools/list} advertises it. */
    McpSchema.Tool toSchema() {
        return McpSchema.Tool.builder(name, new LinkedHashMap<>(inputSchema)).description(description)
                .annotations(annotations).build();
    }
}
