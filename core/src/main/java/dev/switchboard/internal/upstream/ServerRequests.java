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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>A call may bring its own handlers (a gateway's downstream client): a server's request made while such calls are
 * in flight goes to their handlers. MCP does not say which request a server's request belongs to (over stdio nothing
 * can), so when calls with different handlers are in flight at once the request is refused rather than shown to a
 * client that did not cause it.
 */
final class ServerRequests {
    private static final Logger log = LoggerFactory.getLogger(ServerRequests.class);
    /** Each handler call gets its own virtual thread; the executor is never closed (it holds no threads). */
    private static final Scheduler HANDLERS = Schedulers.fromExecutor(Executors.newVirtualThreadPerTaskExecutor());

    private final ServerConfig server;
    private final ClientHandlers handlers;
    private final LogGate gate;
    /** The handlers of the calls in flight that brought their own, with how many such calls there are. */
    private final Map<ClientHandlers, Integer> inFlight = new ConcurrentHashMap<>();

    ServerRequests(ServerConfig server, ClientHandlers handlers, LogGate gate) {
        this.server = server;
        this.handlers = handlers;
        this.gate = gate;
    }

    /** Lets {@code callers} answer this server's requests until the returned scope is closed; null changes nothing. */
    Scope during(ClientHandlers callers) {
        if (callers == null) {
            return () -> { };
        }
        inFlight.merge(callers, 1, Integer::sum);
        return () -> inFlight.computeIfPresent(callers, (h, n) -> n == 1 ? null : n - 1);
    }

    /** The time a call's handlers answer for it. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
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

    /** Whose handlers answer a request now: the calls' in flight when they agree, else the application's. */
    private ClientHandlers current(String method) {
        List<ClientHandlers> callers = List.copyOf(inFlight.keySet());
        if (callers.size() > 1) {
            gate.warn(log, LogEvents.SERVER_REQUEST_FAILED).addKeyValue("server", server.name())
                    .addKeyValue("method", method).addKeyValue("error", "ambiguous").log();
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message("server '" + server.name()
                    + "' sent " + method + " while calls of " + callers.size() + " different clients were in"
                    + " flight on its shared connection; Switchboard cannot tell which client it is for, so it"
                    + " refuses it (give this server `session: per_client` to serve clients that answer such"
                    + " requests)").build();
        }
        return callers.isEmpty() ? handlers : callers.get(0);
    }

    private Mono<McpSchema.CreateMessageResult> sample(McpSchema.CreateMessageRequest request) {
        ClientHandlers.SamplingHandler h;
        try {
            h = current("sampling/createMessage").sampling();
        } catch (McpError e) {
            return Mono.error(e);
        }
        if (h == null) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                    .message("the client (Switchboard) has no sampling handler: the application did not register"
                            + " one with Switchboard.builder(...).handlers(...) or the call's options, so server '"
                            + server.name() + "' cannot sample through it").build());
        }
        return onVirtualThread("sampling/createMessage", () -> h.createMessage(server.name(), request));
    }

    private Mono<McpSchema.ElicitResult> elicitForm(McpSchema.ElicitFormRequest request) {
        ClientHandlers.FormElicitationHandler h;
        try {
            h = current("elicitation/create").formElicitation();
        } catch (McpError e) {
            return Mono.error(e);
        }
        return h == null ? declined("form") : onVirtualThread("elicitation/create",
                () -> h.elicit(server.name(), request));
    }

    private Mono<McpSchema.ElicitResult> elicitUrl(McpSchema.ElicitUrlRequest request) {
        ClientHandlers.UrlElicitationHandler h;
        try {
            h = current("elicitation/create").urlElicitation();
        } catch (McpError e) {
            return Mono.error(e);
        }
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
