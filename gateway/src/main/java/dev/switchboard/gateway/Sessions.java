package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The downstream sessions of one gateway: opened by {@code initialize} up to a cap, found by their
 * {@code Mcp-Session-Id}, ended by DELETE, by idling out, or by the gateway stopping. Ids are 192 random bits from a
 * secure source, so that one cannot be guessed.
 */
final class Sessions {
    /** Thrown when the cap is reached: the client gets 503 and a message naming the setting. */
    static final class Full extends RuntimeException {
        Full(int max) {
            super("the gateway has " + max + " open sessions, its gateway.max_sessions; close unused sessions"
                    + " (DELETE) or raise the limit", null, false, false);
        }
    }

    /** Thrown when the caller's token has its share of sessions: the client gets 429 and a message naming it. */
    static final class TooManyForCaller extends RuntimeException {
        TooManyForCaller(Caller caller, int max) {
            super("token '" + caller.name() + "' has " + max + " open sessions, gateway.max_sessions_per_token;"
                    + " close unused sessions (DELETE) or raise the limit", null, false, false);
        }
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final ReentrantLock opening = new ReentrantLock();
    private final ReentrantLock calls = new ReentrantLock();
    private final java.util.concurrent.locks.Condition callEnded = calls.newCondition();
    private volatile int draining; // waiters in awaitNoCalls; changed under `calls`
    private final SecureRandom random = new SecureRandom();
    private final int max;
    private final int maxPerCaller;
    private final int eventsKept;
    private final Duration idleTimeout;
    private final Clock clock;

    /** {@code maxPerCaller} applies to every caller but {@link Caller#ANYONE}. */
    Sessions(int max, int maxPerCaller, int eventsKept, Duration idleTimeout, Clock clock) {
        this.max = max;
        this.maxPerCaller = maxPerCaller;
        this.eventsKept = eventsKept;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    Session open(Caller caller, String protocolVersion, JsonNode clientInfo, JsonNode capabilities) {
        opening.lock(); // the count and the insert together, so that the caps hold under a burst
        try {
            if (byId.size() >= max) {
                throw new Full(max);
            }
            if (caller != Caller.ANYONE
                    && byId.values().stream().filter(s -> s.caller().equals(caller)).count() >= maxPerCaller) {
                throw new TooManyForCaller(caller, maxPerCaller);
            }
            Session s = new Session(newId(), caller, protocolVersion, clientInfo, capabilities, eventsKept,
                    clock.instant(), this::signalCallEnded);
            byId.put(s.id(), s);
            return s;
        } finally {
            opening.unlock();
        }
    }

    /** The open session with this id, marked active now; null when there is none. */
    Session find(String id) {
        Session s = id == null ? null : byId.get(id);
        if (s != null) {
            s.touch(clock.instant());
        }
        return s;
    }

    boolean close(String id, String why) {
        Session s = byId.remove(id);
        if (s == null) {
            return false;
        }
        s.close(why);
        return true;
    }

    Collection<Session> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    /**
     * Ends the sessions that were idle for the idle timeout: no request, no call in flight and no client connected
     * to any of their streams. Returns how many it ended.
     */
    int closeIdle() {
        Instant cutoff = clock.instant().minus(idleTimeout);
        List<String> idle = byId.values().stream()
                .filter(s -> s.lastActive().isBefore(cutoff) && s.inFlightCount() == 0 && !s.connected())
                .map(Session::id).toList();
        idle.forEach(id -> close(id, "the session was idle for " + idleTimeout.toSeconds() + " s"));
        return idle.size();
    }

    /**
     * Waits until no session has a call in flight, at most {@code max}; true when none has. Woken by each call's
     * end, so a drain ends the moment the last call does.
     */
    boolean awaitNoCalls(Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        calls.lock();
        draining++; // before looking, so that a call ending after the look signals
        try {
            while (byId.values().stream().anyMatch(s -> s.inFlightCount() > 0)) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = callEnded.awaitNanos(nanos);
            }
            return true;
        } finally {
            draining--;
            calls.unlock();
        }
    }

    private void signalCallEnded() {
        if (draining == 0) {
            return; // nobody waits: no lock taken by every call's end
        }
        calls.lock();
        try {
            callEnded.signalAll();
        } finally {
            calls.unlock();
        }
    }

    void closeAll(String why) {
        List.copyOf(byId.keySet()).forEach(id -> close(id, why));
    }

    private String newId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
