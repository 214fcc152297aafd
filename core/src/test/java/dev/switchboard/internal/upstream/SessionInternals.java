package dev.switchboard.internal.upstream;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a connection's current session still holds for requests in flight, for tests that prove nothing is left
 * behind. The SDK keeps an unanswered request in {@code McpClientSession.pendingResponses} forever (java-sdk #1133)
 * and offers no way to look at it, so that one map is read by reflection, with the field names of SDK 2.1.0; our own
 * classes are read through package-private accessors.
 */
public final class SessionInternals {
    private SessionInternals() {
    }

    /**
     * Requests the connection's current session still waits for: the SDK session's pending-response map, and the
     * tool calls the transport sends past it ({@link InterceptingTransport#request}).
     */
    public static int sdkPendingResponses(Upstream upstream) {
        return sdkMapSize(upstream) + upstream.currentSession().transport.pendingOwn();
    }

    private static int sdkMapSize(Upstream upstream) {
        Object initializer = field(upstream.currentSession().client, "initializer");
        Object init = ((AtomicReference<?>) field(initializer, "initializationRef")).get();
        Object mcpSession = ((AtomicReference<?>) field(init, "mcpClientSession")).get();
        return ((Map<?, ?>) field(mcpSession, "pendingResponses")).size();
    }

    /** HTTP exchanges of requests the current session still keeps open (see {@link OpenExchanges}). */
    public static int openExchanges(Upstream upstream) {
        return upstream.currentSession().transport.openExchanges();
    }

    /** Ids our stdio transport still counts as written and unanswered, in the current session. */
    public static int stdioPendingIds(Upstream upstream) {
        return ((StdioProcessTransport) upstream.currentSession().transport.delegate()).pendingIds();
    }

    private static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no field " + name + " in " + target.getClass() + " (SDK changed?)");
    }
}
