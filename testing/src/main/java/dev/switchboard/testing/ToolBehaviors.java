package dev.switchboard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitRequest;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.SamplingMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Turns a {@link FakeTool}'s behaviour into an SDK tool handler; nothing here blocks a Reactor thread. */
final class ToolBehaviors {

    // Sorted keys make echo output stable, so tests can compare it as a string.
    private static final ObjectMapper SORTED_JSON =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ToolBehaviors() {
    }

    static McpServerFeatures.AsyncToolSpecification specification(FakeTool tool, ServerEvents events) {
        return new McpServerFeatures.AsyncToolSpecification(tool.toSchema(), (exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            events.called(tool.name(), args);
            return respond(tool.behavior(), exchange, request, args, events);
        });
    }

    private static Mono<CallToolResult> respond(FakeTool.Behavior b, McpAsyncServerExchange exchange,
                                                CallToolRequest request, Map<String, Object> args,
                                                ServerEvents events) {
        return switch (b.kind()) {
            case ECHO -> Mono.just(text(json(args)));
            case TEXT -> Mono.just(text(b.text()));
            case DELAY -> Mono.delay(Duration.ofMillis(b.delayMs())).thenReturn(text(b.text()));
            case ERROR -> Mono.just(CallToolResult.builder().addTextContent(b.text()).isError(true).build());
            case RPC_ERROR -> Mono.error(McpError.builder(b.code()).message(b.text()).build());
            // The call stays pending while the server goes away: that is the fault being simulated.
            case EXIT -> Mono.<CallToolResult>never().doOnSubscribe(s -> events.exitRequested(b.code()));
            case HANG -> Mono.never();
            case ENV -> Mono.fromSupplier(() -> env(args));
            case PROGRESS -> progress(b, exchange, request.progressToken());
            case CONTENT -> Mono.just(CallToolResult.builder()
                    .content(b.content().stream().map(c -> c.toSchema(s -> s)).toList()).isError(false).build());
            case LOG -> log(b, exchange, request.name());
            case SAMPLING -> sample(exchange, args);
            case ELICITATION -> elicit(b, exchange, args);
            case GARBAGE -> raw(events, b, out -> {
                out.startGarbage();
                return null; // never answered: the answer would be garbage anyway
            });
            case HUGE_LINE -> raw(events, b, out -> {
                out.writeHugeLine(b.steps());
                return text(b.text());
            });
            case META -> Mono.just(text(json(request.meta() == null ? Map.of() : request.meta())));
            case WHOAMI -> Mono.just(text("user=" + java.util.Objects.requireNonNullElse(
                    exchange.transportContext().get(WireFilter.USER), "none") + " session=" + exchange.sessionId()));
        };
    }

    private interface RawFault {
        CallToolResult apply(RawStdout out) throws java.io.IOException;
    }

    private static Mono<CallToolResult> raw(ServerEvents events, FakeTool.Behavior b, RawFault fault) {
        RawStdout out = events.rawStdout();
        if (out == null) {
            return Mono.error(McpError.builder(-32601).message(b.kind() + " needs a stdio server").build());
        }
        // Writing a large line blocks until the client reads it: off the Reactor thread that called the tool.
        return Mono.fromCallable(() -> fault.apply(out)).subscribeOn(Schedulers.boundedElastic())
                .switchIfEmpty(Mono.never());
    }

    private static Mono<CallToolResult> log(FakeTool.Behavior b, McpAsyncServerExchange exchange, String tool) {
        int count = b.steps();
        Duration interval = Duration.ofMillis(b.delayMs() == null ? 0 : b.delayMs());
        // The exchange drops messages below the level the client set with logging/setLevel (info by default).
        return Flux.range(1, count).concatMap(i -> Mono.delay(i == 1 ? Duration.ZERO : interval)
                        .then(exchange.loggingNotification(LoggingMessageNotification.builder()
                                .level(LoggingLevel.INFO).logger(tool).data(tool + " log " + i + "/" + count)
                                .build())))
                .then(Mono.fromSupplier(() -> text("logged " + count + " messages")));
    }

    private static Mono<CallToolResult> sample(McpAsyncServerExchange exchange, Map<String, Object> args) {
        var message = new SamplingMessage(Role.USER, TextContent.builder(String.valueOf(args.get("prompt"))).build());
        return exchange.createMessage(CreateMessageRequest.builder().messages(List.of(message)).maxTokens(100).build())
                .map(answer -> text("LLM response: " + (answer.content() instanceof TextContent t ? t.text()
                        : json(answer.content()))))
                .onErrorResume(e -> Mono.just(failed("sampling failed: " + e.getMessage())));
    }

    private static Mono<CallToolResult> elicit(FakeTool.Behavior b, McpAsyncServerExchange exchange,
                                               Map<String, Object> args) {
        String message = b.text() != null ? b.text() : String.valueOf(args.get("message"));
        return exchange.createElicitation(ElicitRequest.builder(message, b.schema()).build())
                .map(answer -> text("Elicitation completed: action=" + answer.action().name().toLowerCase(Locale.ROOT)
                        + ", content=" + json(answer.content())))
                .onErrorResume(e -> Mono.just(failed("elicitation failed: " + e.getMessage())));
    }

    private static CallToolResult failed(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static CallToolResult env(Map<String, Object> args) {
        Object name = args.get("name");
        if (name == null) {
            return CallToolResult.builder().addTextContent("argument 'name' is required").isError(true).build();
        }
        String value = System.getenv(name.toString());
        // An unset variable is an error result rather than "", so a test can tell "empty" from "not passed".
        return value == null
                ? CallToolResult.builder().addTextContent("environment variable " + name + " is not set")
                        .isError(true).build()
                : text(value);
    }

    private static Mono<CallToolResult> progress(FakeTool.Behavior b, McpAsyncServerExchange exchange,
                                                 Object token) {
        int steps = b.steps();
        Duration interval = Duration.ofMillis(b.delayMs() == null ? 0 : b.delayMs());
        // The spec only allows progress notifications for a request that asked for them with a token.
        Flux<Integer> ticks = token == null ? Flux.empty() : Flux.range(1, steps);
        return ticks.concatMap(i -> Mono.delay(interval).then(exchange.progressNotification(
                        ProgressNotification.builder(token, i).total((double) steps)
                                .message("step " + i + "/" + steps).build())))
                .then(Mono.fromSupplier(() -> text("done after " + steps + " steps")));
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    static String json(Object value) {
        try {
            return SORTED_JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
