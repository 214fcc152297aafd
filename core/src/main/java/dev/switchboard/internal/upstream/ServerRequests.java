package dev.switchboard.internal.upstream;

import dev.switchboard.ClientHandlers;
import dev.switchboard.config.Root;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Answers what a server asks the client (sampling, elicitation, roots) with the application's blocking
 * {@link ClientHandlers}, run on virtual threads so that a handler waiting for a user or an LLM never holds a Reactor
 * thread. Without a handler, elicitation is declined and sampling refused with an error that says why.
 */
final class ServerRequests {
    private static final Logger log = LoggerFactory.getLogger(ServerRequests.class);
    /** Each handler call gets its own virtual thread; the executor is never closed (it holds no threads). */
    private static final Scheduler HANDLERS = Schedulers.fromExecutor(Executors.newVirtualThreadPerTaskExecutor());

    private final ServerConfig server;
    private final ClientHandlers handlers;
    private final LogGate gate;

    ServerRequests(ServerConfig server, ClientHandlers handlers, LogGate gate) {
        this.server = server;
        this.handlers = handlers;
        this.gate = gate;
    }

    /** Declares sampling, elicitation (form and URL) and roots, and installs their handlers on the client. */
    McpClient.AsyncSpec install(McpClient.AsyncSpec spec) {
        return spec.capabilities(McpSchema.ClientCapabilities.builder().roots(false).sampling()
                        .elicitation(true, true).build())
                .roots(roots())
                .sampling(this::sample)
                .elicitation(this::elicitForm)
                .urlElicitation(this::elicitUrl)
                .applyElicitationDefaults(true);
    }

    List<McpSchema.Root> roots() {
        List<McpSchema.Root> configured = server.options().roots().stream()
                .map(ServerRequests::toSdk).toList();
        ClientHandlers.RootsHandler h = handlers.roots();
        return h == null ? configured : List.copyOf(h.roots(server.name(), configured));
    }

    private Mono<McpSchema.CreateMessageResult> sample(McpSchema.CreateMessageRequest request) {
        ClientHandlers.SamplingHandler h = handlers.sampling();
        if (h == null) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                    .message("the client (Switchboard) has no sampling handler: the application did not register"
                            + " one with Switchboard.builder(...).handlers(...), so server '" + server.name()
                            + "' cannot sample through it").build());
        }
        return onVirtualThread("sampling/createMessage", () -> h.createMessage(server.name(), request));
    }

    private Mono<McpSchema.ElicitResult> elicitForm(McpSchema.ElicitFormRequest request) {
        ClientHandlers.FormElicitationHandler h = handlers.formElicitation();
        return h == null ? declined("form") : onVirtualThread("elicitation/create",
                () -> h.elicit(server.name(), request));
    }

    private Mono<McpSchema.ElicitResult> elicitUrl(McpSchema.ElicitUrlRequest request) {
        ClientHandlers.UrlElicitationHandler h = handlers.urlElicitation();
        return h == null ? declined("url") : onVirtualThread("elicitation/create",
                () -> h.elicit(server.name(), request));
    }

    private Mono<McpSchema.ElicitResult> declined(String mode) {
        gate.info(log, LogEvents.SERVER_ELICITATION_DECLINED).addKeyValue("server", server.name())
                .addKeyValue("mode", mode).log();
        return Mono.just(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));
    }

    /** Runs a blocking handler on its own virtual thread; its failure becomes a JSON-RPC error for the server. */
    private <T> Mono<T> onVirtualThread(String method, Callable<T> handler) {
        return Mono.fromCallable(handler).subscribeOn(HANDLERS).onErrorMap(e -> !(e instanceof McpError), e -> {
            gate.warn(log, LogEvents.SERVER_REQUEST_FAILED).addKeyValue("server", server.name())
                    .addKeyValue("method", method).addKeyValue("error", ErrorClassifier.describe(e)).log();
            return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("the client's " + method
                    + " handler failed: " + ErrorClassifier.describe(e)).build();
        });
    }

    private static McpSchema.Root toSdk(Root r) {
        return new McpSchema.Root(r.uri(), r.name());
    }
}
