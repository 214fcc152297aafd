package dev.switchboard.internal.upstream;

import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Takes what Reactor drops for one connection, instead of Reactor's global {@code onErrorDropped}, which logs it as
 * an ERROR with a stack trace. When a session ends, the SDK still fails what it had under way after Switchboard let
 * go of it: requests it dismisses ("MCP session with server terminated") or whose HTTP exchange breaks with the
 * connection, and an event stream's exchange cut off by the close. Nobody listens to those any more, so Reactor
 * drops them; after a lost session that is expected and says nothing new, so it is logged at DEBUG
 * ({@code upstream.error_dropped}).
 *
 * <p>{@code Operators.onErrorDropped(Throwable, Context)} looks for a hook in the subscriber's context before the
 * JVM-wide one, so the hook travels in the Reactor context of everything Switchboard asks the SDK; the SDK carries
 * that context into the requests and streams it opens for it. The library never sets Reactor's global hooks: they
 * belong to the application.
 */
final class DroppedErrors {
    /** Reactor's key of a context-local onErrorDropped hook ({@code Hooks.KEY_ON_ERROR_DROPPED}, not public). */
    static final String KEY = "reactor.onErrorDropped.local";
    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

    private final Consumer<Throwable> hook;

    DroppedErrors(String server, LogGate gate, Masker masker) {
        this.hook = e -> gate.debug(log, LogEvents.UPSTREAM_ERROR_DROPPED).addKeyValue("server", server)
                .addKeyValue("error", masker.mask(String.valueOf(e))).log();
    }

    /** {@code ctx} with this connection's hook. */
    Context into(Context ctx) {
        return ctx.put(KEY, hook);
    }

    /** {@code mono} with this connection's hook in its context, and in that of what the SDK starts for it. */
    <T> Mono<T> on(Mono<T> mono) {
        return mono.contextWrite(this::into);
    }
}
