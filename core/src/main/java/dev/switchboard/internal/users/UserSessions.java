package dev.switchboard.internal.users;

import dev.switchboard.CallOptions;
import dev.switchboard.ClientHandlers;
import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.internal.call.CallExecutor;
import dev.switchboard.internal.call.ServerGuard;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.spi.Sleeper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions Switchboard keeps for the users of an application ({@code CallOptions.withCredentials}): one
 * connection per (server, user), each with its own HTTP client and the user's own {@code Authorization}, so that
 * two users never share a connection, a session or a result. Per server at most {@code maxPerServer} are kept: a new
 * user's session replaces the least recently used idle one, and a session idle for {@code idleTimeout} (read on the
 * injected clock) is closed. Closing closes every one.
 */
public final class UserSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);
    /** The longest close waits for one closing already under way (an upstream's own close is bounded too). */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** What a user's session is built with: the engine's parts. */
    public record Parts(Clock clock, Sleeper sleeper, ClientHandlers handlers, Supplier<Masker> masker,
            LogGate gate, CallExecutor calls, dev.switchboard.internal.auth.TokenStore tokenStore) {
    }

    private final int maxPerServer;
    private final Duration idleTimeout;
    private final Parts parts;
    private final ReentrantLock lock = new ReentrantLock();
    /** Per server, its users' sessions, least recently used first. */
    private final Map<String, LinkedHashMap<String, UserSession>> pools = new HashMap<>();
    /** The threads closing sessions taken out of the pools (see {@link #closeLater}). */
    private final java.util.Set<Thread> closers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Signalled whenever a call ends: what a draining close waits on. */
    private final java.util.concurrent.locks.Condition released = lock.newCondition();
    /** Calls in flight on user sessions, over every server; guarded by the lock. */
    private int inFlight;
    /** The sweep of idle sessions, from the first session on; guarded by the lock. */
    private Thread reaper;
    private boolean closed;

    public UserSessions(int maxPerServer, Duration idleTimeout, Parts parts) {
        this.maxPerServer = maxPerServer;
        this.idleTimeout = idleTimeout;
        this.parts = parts;
    }

    /**
     * Starts the background sweep of idle sessions, with the first session: a Switchboard whose calls never carry
     * credentials has no thread for it. Real time only paces the sweeps; whether a session is idle is read on the
     * injected clock. Called under the lock.
     */
    private void startReaper() {
        if (reaper != null) {
            return;
        }
        long every = Math.max(100, Math.min(idleTimeout.toMillis(), Duration.ofMinutes(1).toMillis()));
        reaper = Thread.ofVirtual().name("switchboard-user-sessions-reaper").start(() -> {
            try {
                while (true) {
                    TimeUnit.MILLISECONDS.sleep(every);
                    try {
                        closeIdle();
                    } catch (RuntimeException e) {
                        parts.gate().warn(log, LogEvents.USER_SESSION_CLOSED).addKeyValue("reason", "sweep failed")
                                .setCause(e).log();
                    }
                }
            } catch (InterruptedException e) {
                // Closed: the sessions are closed by close() itself.
            }
        });
    }

    /**
     * Calls a tool of {@code server} for the user of {@code options.credentials()}, over that user's session.
     *
     * @throws SwitchboardException INVALID_ARGUMENTS for a stdio server, AUTH_FAILED naming the server and the user
     *     when the server refuses the user's token, OVERLOADED when every session of the server is in use, and
     *     whatever a call throws
     */
    public ToolResult call(ServerConfig server, String tool, Map<String, Object> arguments, CallOptions options) {
        UserCredentials credentials = options.credentials();
        UserSession s = lease(httpOnly(server, tool, credentials), credentials);
        try {
            Upstream u = s.ready(tool);
            List<McpSchema.Tool> tools = tools(server, u);
            if (u.isReady() && tools.stream().noneMatch(t -> t.name().equals(tool))) {
                throw new SwitchboardException(ErrorCode.UNKNOWN_TOOL, server.name(), tool, "server '"
                        + server.name() + "' has no tool '" + tool + "' for user '" + credentials.user()
                        + "' (its tools for that user: " + String.join(", ", tools.stream()
                        .map(McpSchema.Tool::name).toList()) + ")", null);
            }
            return parts.calls().call(u, s.guard(), tool, arguments, options);
        } catch (SwitchboardException e) {
            throw failed(s, e, server.name(), tool, credentials.user());
        } finally {
            release(s);
        }
    }

    /** The tools of a user's session that the server's {@code tools:} filter lets through. */
    private static List<McpSchema.Tool> tools(ServerConfig server, Upstream u) {
        return u.tools().stream().filter(t -> server.options().tools().allows(t.name())).toList();
    }

    /**
     * The error a call or listing of a user's session ends with; a session refused or failed for good is dropped,
     * so that the user's next call (with a new token, or once the server is back) opens a new one.
     */
    private SwitchboardException failed(UserSession s, SwitchboardException e, String server, String tool,
            String user) {
        if (e.code() == ErrorCode.AUTH_FAILED) {
            discard(s);
            return forUser(e, server, tool, user);
        }
        if (s.failedForGood()) {
            discard(s);
        }
        return e;
    }

    /** The tools {@code server} offers to the user of {@code credentials}, listed on that user's session. */
    public List<McpSchema.Tool> tools(ServerConfig server, UserCredentials credentials) {
        UserSession s = lease(httpOnly(server, null, credentials), credentials);
        try {
            return tools(server, s.ready(null));
        } catch (SwitchboardException e) {
            throw failed(s, e, server.name(), null, credentials.user());
        } finally {
            release(s);
        }
    }

    /** The users with a session of {@code server} now, least recently used first. */
    public List<String> users(String server) {
        lock.lock();
        try {
            var pool = pools.get(server);
            return pool == null ? List.of() : List.copyOf(pool.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** Sessions kept now, over every server. */
    public int size() {
        lock.lock();
        try {
            return pools.values().stream().mapToInt(Map::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every session idle for the idle timeout or longer; done on every call and in the background. */
    public void closeIdle() {
        takeIdle().forEach(s -> closeSession(s, "idle"));
    }

    /** Takes the sessions idle for the idle timeout or longer out of the pools, for the caller to close. */
    private List<UserSession> takeIdle() {
        List<UserSession> idle = new ArrayList<>();
        lock.lock();
        try {
            var now = parts.clock().instant();
            for (var pool : pools.values()) {
                pool.values().removeIf(s -> s.idleSince(now, idleTimeout) && idle.add(s));
            }
        } finally {
            lock.unlock();
        }
        return idle;
    }

    /**
     * Closes sessions on a thread of their own: a user's call never waits for the closing of another's session (a
     * polite close may take seconds with a server that is gone). {@link #close} waits for these closings.
     */
    private void closeLater(List<UserSession> sessions, String why) {
        if (sessions.isEmpty()) {
            return;
        }
        Thread t = Thread.ofVirtual().name("switchboard-user-sessions-close").unstarted(() -> {
            try {
                sessions.forEach(s -> closeSession(s, why));
            } finally {
                closers.remove(Thread.currentThread());
            }
        });
        closers.add(t);
        t.start();
    }

    private HttpServer httpOnly(ServerConfig server, String tool, UserCredentials credentials) {
        String user = credentials.user();
        if (server instanceof HttpServer h && credentials.isOAuthGrant() && h.auth() == null) {
            throw new SwitchboardException(ErrorCode.INVALID_ARGUMENTS, server.name(), tool, "server '"
                    + server.name() + "' has no auth:, so user '" + user + "' can have no OAuth grant for it;"
                    + " configure auth: oauth for it, or call with the user's token (UserCredentials.bearer)", null);
        }
        if (server instanceof HttpServer h && credentials.isOAuthGrant() && parts.handlers().authorization() == null
                && (parts.tokenStore() == null || !parts.tokenStore().forUser(user).has(h.name()))) {
            // Nobody to ask and nothing kept: known without a connection attempt (a client listing tools again and
            // again must not make the server and its authorization server answer each time).
            throw new SwitchboardException(ErrorCode.AUTH_FAILED, server.name(), tool, "server '" + server.name()
                    + "': user '" + user + "' has not authorized Switchboard for it: grant it with `switchboard auth"
                    + " login CONFIG " + server.name() + " --user " + user + "`", null);
        }
        if (server instanceof HttpServer h) {
            return h;
        }
        throw new SwitchboardException(ErrorCode.INVALID_ARGUMENTS, server.name(), tool, "server '" + server.name()
                + "' is a stdio server: a call with the credentials of user '" + user + "' needs an HTTP server,"
                + " whose requests can carry that user's token; call it without credentials, or reach the server"
                + " over streamable-http", null);
    }

    private UserSession lease(HttpServer server, UserCredentials credentials) {
        closeLater(takeIdle(), "idle");
        List<UserSession> evicted = new ArrayList<>();
        UserSession s;
        lock.lock();
        try { // the finally below closes what was evicted even when the new session fails to start
            if (closed) {
                throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, server.name(), "Switchboard is closed");
            }
            var pool = pools.computeIfAbsent(server.name(), n -> new LinkedHashMap<>(16, 0.75f, true));
            s = pool.get(credentials.user());
            if (s != null && (!s.isFor(server) || !s.sameKind(credentials))) {
                // The server's settings changed (a reload), or the user's calls switched between a token of the
                // application's and the user's own grant: a new session, never one made for the other kind.
                pool.remove(credentials.user());
                evicted.add(s);
                s = null;
            }
            if (s == null) {
                makeRoom(server.name(), pool, evicted);
                s = new UserSession(server, credentials, parts);
                startReaper();
                try {
                    s.start();
                } catch (RuntimeException e) {
                    evicted.add(s); // closed below with the others
                    throw e;
                }
                pool.put(credentials.user(), s); // only a started session: one that failed is not kept
                parts.gate().info(log, LogEvents.USER_SESSION_OPENED).addKeyValue("server", server.name())
                        .addKeyValue("user", credentials.user()).addKeyValue("sessions", pool.size()).log();
            }
            s.lease(credentials);
            inFlight++;
        } finally {
            lock.unlock();
            closeLater(evicted, "evicted");
        }
        return s;
    }

    /** Frees a place in a full pool by evicting its least recently used idle session. */
    private void makeRoom(String server, LinkedHashMap<String, UserSession> pool, List<UserSession> evicted) {
        if (pool.size() < maxPerServer) {
            return;
        }
        for (var it = pool.values().iterator(); it.hasNext();) {
            UserSession oldest = it.next();
            if (oldest.idle()) {
                it.remove();
                evicted.add(oldest);
                return;
            }
        }
        throw new SwitchboardException(ErrorCode.OVERLOADED, server, null, "server '" + server + "' has "
                + maxPerServer + " user sessions, all with calls in flight (the most kept per server); try again"
                + " later, or raise Switchboard.Builder.userSessions", null);
    }

    private void release(UserSession s) {
        boolean close;
        lock.lock();
        try {
            close = s.release(parts.clock().instant());
            inFlight--;
            released.signalAll();
        } finally {
            lock.unlock();
        }
        if (close) {
            closeLater(List.of(s), "discarded");
        }
    }

    /** Forgets a session whose credentials were refused; it closes once its last call is done. */
    private void discard(UserSession s) {
        lock.lock();
        try {
            var pool = pools.get(s.server());
            if (pool != null && pool.get(s.user()) == s) {
                pool.remove(s.user());
            }
            s.retire();
        } finally {
            lock.unlock();
        }
    }

    private void closeSession(UserSession s, String why) {
        s.close();
        parts.gate().info(log, LogEvents.USER_SESSION_CLOSED).addKeyValue("server", s.server())
                .addKeyValue("user", s.user()).addKeyValue("reason", why).log();
    }

    /** The error of a refused user: it names the server and the user, never the token. */
    static SwitchboardException refused(String server, String user, int status) {
        return new SwitchboardException(ErrorCode.AUTH_FAILED, server, null, "server '" + server + "' refused the"
                + " token of user '" + user + "' (HTTP " + status + "): it is invalid, expired or revoked; call again"
                + " with a valid token for that user (UserCredentials)", null);
    }

    private SwitchboardException forUser(SwitchboardException e, String server, String tool, String user) {
        parts.gate().warn(log, LogEvents.USER_SESSION_REFUSED).addKeyValue("server", server)
                .addKeyValue("user", user).addKeyValue("message", e.getMessage()).log();
        if (e.getMessage() != null && e.getMessage().contains("user '" + user + "'")) {
            return e;
        }
        return new SwitchboardException(ErrorCode.AUTH_FAILED, server, tool, "server '" + server + "' refused the"
                + " credentials of user '" + user + "': " + e.getMessage() + "; call again with a valid token for"
                + " that user (UserCredentials)", e);
    }

    /** Closes every session at once (in parallel); calls still on them fail with SHUTTING_DOWN. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /**
     * Takes no new call, lets the calls in flight finish for up to {@code drain}, then closes every session (in
     * parallel); calls still on them fail with SHUTTING_DOWN.
     */
    public void close(Duration drain) {
        List<UserSession> all = new ArrayList<>();
        Thread sweeper;
        lock.lock();
        try {
            closed = true;
            long left = drain.toNanos();
            while (inFlight > 0 && left > 0) {
                left = released.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // forced: close at once
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            pools.values().forEach(p -> all.addAll(p.values()));
            pools.clear();
            sweeper = reaper;
        } finally {
            lock.unlock();
        }
        if (sweeper != null) {
            sweeper.interrupt();
            try {
                sweeper.join(Duration.ofSeconds(5)); // a sweep under way closes its sessions first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            all.forEach(s -> exec.submit(() -> closeSession(s, "closing")));
        }
        for (Thread t : List.copyOf(closers)) {
            try {
                t.join(CLOSE_WAIT); // sessions evicted or idle just before: closed too when close returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What a new session's first attempt left, when it did not make it ready, as the call's error. */
    static SwitchboardException notReady(Upstream u, String tool) {
        ErrorInfo e = u.lastError();
        if (u.state() == ServerState.FAILED && e != null) {
            return new SwitchboardException(e.code(), u.name(), tool, e.message(), null);
        }
        return null;
    }
}
