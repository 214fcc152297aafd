package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log levels sessions asked for with {@code logging/setLevel}: the servers are set to the most detailed level any
 * session wants, and each server's message goes to the sessions whose level it reaches, marked with the server's
 * name in {@code _meta}. A session that never set a level gets no log messages.
 */
final class LogLevels {
    private final Switchboard switchboard;
    private final Map<Session, McpSchema.LoggingLevel> levels = new ConcurrentHashMap<>();
    private final ReentrantLock setting = new ReentrantLock();
    private McpSchema.LoggingLevel applied;

    LogLevels(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /** The session wants messages from {@code level} up; the servers are told when that is more than they send. */
    void set(Session session, McpSchema.LoggingLevel level) {
        if (levels.put(session, level) == null) {
            session.onClose(() -> levels.remove(session));
        }
        setting.lock();
        try {
            McpSchema.LoggingLevel wanted = levels.values().stream()
                    .min(Comparator.comparingInt(McpSchema.LoggingLevel::level)).orElse(level);
            if (wanted == applied) {
                return;
            }
            applied = wanted;
            for (ServerStatus s : switchboard.status()) {
                if (s.state() == ServerState.READY && s.capabilities().contains("logging")) {
                    try {
                        switchboard.session(s.name()).setLogLevel(wanted);
                    } catch (SwitchboardException e) {
                        // A server that cannot set it now sends what it sends; its messages are still filtered.
                    }
                }
            }
        } finally {
            setting.unlock();
        }
    }

    /** A server's log message, to the sessions whose level it reaches and whose caller may see the server. */
    void deliver(String server, McpSchema.LoggingMessageNotification message) {
        if (levels.isEmpty() || message.level() == null) {
            return;
        }
        ObjectNode notification = null;
        for (Map.Entry<Session, McpSchema.LoggingLevel> e : levels.entrySet()) {
            if (message.level().level() >= e.getValue().level() && e.getKey().caller().maySee(server, null)) {
                if (notification == null) {
                    notification = notification(server, message);
                }
                e.getKey().notifyClient(notification);
            }
        }
    }

    private static ObjectNode notification(String server, McpSchema.LoggingMessageNotification message) {
        ObjectNode params = (ObjectNode) JsonRpc.tree(message);
        params.putObject("_meta").put("dev.switchboard/server", server);
        return JsonRpc.notification("notifications/message", params);
    }
}
