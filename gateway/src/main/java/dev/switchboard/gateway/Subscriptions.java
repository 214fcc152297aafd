package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Switchboard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resource subscriptions of every session: the owning server is subscribed once, when the first session asks, and
 * unsubscribed when the last one leaves (by {@code resources/unsubscribe} or by ending); an update goes to the
 * sessions subscribed to that resource only, under the URI each of them used.
 */
final class Subscriptions {
    private final Switchboard switchboard;
    /** Per resource of a server, the sessions subscribed to it and the URI each knows it by. */
    private final Map<Key, Map<Session, String>> subscribers = new ConcurrentHashMap<>();
    /** Held while the server is told, so a subscribe and an unsubscribe of one resource cannot overtake each other. */
    private final ReentrantLock telling = new ReentrantLock();

    private record Key(String server, String uri) {
    }

    Subscriptions(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /** Subscribes the session to the resource {@code route} names, which it calls {@code downstreamUri}. */
    void subscribe(Session session, Offer.Route route, String downstreamUri) {
        Key key = new Key(route.server(), route.name());
        telling.lock();
        try {
            Map<Session, String> sessions = subscribers.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
            if (sessions.isEmpty()) {
                try {
                    switchboard.session(key.server()).subscribe(key.uri());
                } catch (RuntimeException e) {
                    subscribers.remove(key);
                    throw e;
                }
            }
            if (sessions.put(session, downstreamUri) == null) {
                session.onClose(() -> unsubscribe(session, route));
            }
        } finally {
            telling.unlock();
        }
    }

    /** Ends the session's subscription; the server is unsubscribed when no session is left. */
    void unsubscribe(Session session, Offer.Route route) {
        Key key = new Key(route.server(), route.name());
        telling.lock();
        try {
            Map<Session, String> sessions = subscribers.get(key);
            if (sessions == null || sessions.remove(session) == null || !sessions.isEmpty()) {
                return;
            }
            subscribers.remove(key);
            try {
                switchboard.session(key.server()).unsubscribe(key.uri());
            } catch (RuntimeException e) {
                // The server is gone or refuses: it no longer has the subscription either way.
            }
        } finally {
            telling.unlock();
        }
    }

    /** A server said a resource changed: its subscribers hear it. */
    void updated(String server, String uri) {
        Map<Session, String> sessions = subscribers.get(new Key(server, uri));
        if (sessions != null) {
            sessions.forEach((session, downstreamUri) -> {
                ObjectNode params = JsonRpc.object();
                params.put("uri", downstreamUri);
                session.notifyClient(JsonRpc.notification("notifications/resources/updated", params));
            });
        }
    }
}
