package dev.switchboard.it;

import dev.switchboard.Switchboard;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads, by reflection and for tests only, what the MCP SDK and our transports hold for requests in flight: the
 * SDK keeps an unanswered request in {@code McpClientSession.pendingResponses} forever (java-sdk #1133), which is
 * what Switchboard must prevent. Field names are those of SDK 2.1.0 and of our own classes.
 */
final class SdkInternals {
    private SdkInternals() {
    }

    /** Entries in the SDK session's pending-response map of a server's current session. */
    static int sdkPendingResponses(Switchboard sb, String server) {
        Object client = field(session(sb, server), "client");
        Object initializer = field(client, "initializer");
        Object init = ((AtomicReference<?>) field(initializer, "initializationRef")).get();
        Object mcpSession = ((AtomicReference<?>) field(init, "mcpClientSession")).get();
        return ((Map<?, ?>) field(mcpSession, "pendingResponses")).size();
    }

    /** Ids our stdio transport still counts as written and unanswered. */
    static int stdioPendingIds(Switchboard sb, String server) {
        Object transport = field(field(session(sb, server), "transport"), "delegate");
        return ((Map<?, ?>) field(field(transport, "inFlight"), "methodsById")).size();
    }

    private static Object session(Switchboard sb, String server) {
        Object upstream = ((Map<?, ?>) field(sb, "upstreams")).get(server);
        return field(upstream, "session");
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
        throw new IllegalStateException("no field " + name + " in " + target.getClass());
    }
}
