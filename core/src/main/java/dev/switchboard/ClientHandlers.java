package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Objects;

/**
 * What the application answers when a server asks the client something: sampling (an LLM completion), elicitation
 * (a question for the user, as a form or a URL to open), and its roots. Handlers are called on a virtual thread and
 * may block; each receives the name of the server that asks. Pass them with
 * {@link Switchboard.Builder#handlers(ClientHandlers)}.
 *
 * <p>Without a sampling handler a {@code sampling/createMessage} is answered with an error saying the application
 * offers no sampling; without elicitation handlers the user is taken to decline. An accepted form answer gets the
 * schema's defaults for the fields it leaves out. Without a roots handler each server gets the {@code roots:} of its
 * configuration. Servers' log messages are logged with the server's name and also reach {@link #serverLog}.
 *
 * @param sampling answers {@code sampling/createMessage}, or null
 * @param formElicitation answers a form {@code elicitation/create}, or null (decline)
 * @param urlElicitation answers a URL-mode {@code elicitation/create}, or null (decline)
 * @param roots the roots offered to a server, or null (the configured ones)
 * @param serverLog hears every {@code notifications/message}, or null
 * @param authorization has a person authorize Switchboard at a server's OAuth authorization server, or null (a
 *     server with {@code auth: oauth} that needs it fails with {@code AUTH_FAILED})
 */
public record ClientHandlers(SamplingHandler sampling, FormElicitationHandler formElicitation,
        UrlElicitationHandler urlElicitation, RootsHandler roots, ServerLogListener serverLog,
        AuthorizationHandler authorization) {

    /** No handlers: elicitation is declined, sampling refused, configured roots offered. */
    public static final ClientHandlers NONE = new ClientHandlers(null, null, null, null, null, null);

    /** Handlers without an authorization handler. */
    public ClientHandlers(SamplingHandler sampling, FormElicitationHandler formElicitation,
            UrlElicitationHandler urlElicitation, RootsHandler roots, ServerLogListener serverLog) {
        this(sampling, formElicitation, urlElicitation, roots, serverLog, null);
    }

    public ClientHandlers withSampling(SamplingHandler handler) {
        return new ClientHandlers(Objects.requireNonNull(handler, "handler"), formElicitation, urlElicitation, roots,
                serverLog, authorization);
    }

    public ClientHandlers withFormElicitation(FormElicitationHandler handler) {
        return new ClientHandlers(sampling, Objects.requireNonNull(handler, "handler"), urlElicitation, roots,
                serverLog, authorization);
    }

    public ClientHandlers withUrlElicitation(UrlElicitationHandler handler) {
        return new ClientHandlers(sampling, formElicitation, Objects.requireNonNull(handler, "handler"), roots,
                serverLog, authorization);
    }

    public ClientHandlers withRoots(RootsHandler handler) {
        return new ClientHandlers(sampling, formElicitation, urlElicitation, Objects.requireNonNull(handler,
                "handler"), serverLog, authorization);
    }

    public ClientHandlers withServerLog(ServerLogListener listener) {
        return new ClientHandlers(sampling, formElicitation, urlElicitation, roots, Objects.requireNonNull(listener,
                "listener"), authorization);
    }

    public ClientHandlers withAuthorization(AuthorizationHandler handler) {
        return new ClientHandlers(sampling, formElicitation, urlElicitation, roots, serverLog,
                Objects.requireNonNull(handler, "handler"));
    }

    /** Answers a server's request for an LLM completion. */
    @FunctionalInterface
    public interface SamplingHandler {
        McpSchema.CreateMessageResult createMessage(String server, McpSchema.CreateMessageRequest request)
                throws Exception;
    }

    /** Asks the user to fill in a form; omitted fields of an accepted answer get the schema's defaults. */
    @FunctionalInterface
    public interface FormElicitationHandler {
        McpSchema.ElicitResult elicit(String server, McpSchema.ElicitFormRequest request) throws Exception;
    }

    /** Asks the user to open a URL (URL-mode elicitation). */
    @FunctionalInterface
    public interface UrlElicitationHandler {
        McpSchema.ElicitResult elicit(String server, McpSchema.ElicitUrlRequest request) throws Exception;
    }

    /** The roots offered to a server; asked once per session, when it is initialised. */
    @FunctionalInterface
    public interface RootsHandler {
        List<McpSchema.Root> roots(String server, List<McpSchema.Root> configured);
    }

    /** Hears a server's log messages; called on the connection's I/O thread, so it must not block. */
    @FunctionalInterface
    public interface ServerLogListener {
        void onLog(String server, McpSchema.LoggingMessageNotification message);
    }
}
