package dev.switchboard.internal.users;

import dev.switchboard.UserCredentials;
import dev.switchboard.config.HttpServer;
import dev.switchboard.internal.auth.OAuthClient;
import dev.switchboard.internal.call.ServerGuard;
import dev.switchboard.internal.upstream.Upstream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One user's session with one server: a connection of its own (its own HTTP client, so its own TCP connections)
 * whose every request carries the user's token, and a guard of its own, so that one user's refused token opens no
 * breaker for the others. Its lease count and last use are guarded by {@link UserSessions}' lock.
 */
final class UserSession {
    private final HttpServer config;
    private final String user;
    /** The user's token from the application, or null for the user's OAuth grant. */
    private final UserBearer bearer;
    private final Upstream upstream;
    private final ServerGuard guard;
    private int leases;
    private Instant lastUsed;
    private boolean retired;

    UserSession(HttpServer server, UserCredentials credentials, UserSessions.Parts parts) {
        this.config = server;
        this.user = credentials.user();
        var masker = parts.masker().get();
        if (credentials.isOAuthGrant()) {
            this.bearer = null;
            var grant = new OAuthClient(server, parts.handlers().authorization(), parts.clock(), parts.gate(),
                    parts.tokenStore() == null ? null : parts.tokenStore().forUser(user), user);
            this.upstream = new Upstream(ownConnection(server), parts.clock(), parts.sleeper(), status -> { },
                    parts.handlers(), masker, parts.gate(), null, grant);
        } else {
            this.bearer = new UserBearer(server.name(), credentials);
            // The user's token is no secret of the configuration: masked here, should a server echo it in an error.
            this.upstream = new Upstream(ownConnection(server), parts.clock(), parts.sleeper(), status -> { },
                    parts.handlers(), text -> bearer.mask(masker.mask(text)), parts.gate(), null, bearer);
        }
        this.guard = parts.calls().userGuard(server.name(), server.options().calls());
        this.lastUsed = parts.clock().instant();
    }

    /**
     * The server as this user's connection sees it: no OAuth flow of the server's own, and no configured
     * {@code Authorization} header: only the user's credentials are ever sent on it.
     */
    private static HttpServer ownConnection(HttpServer server) {
        Map<String, String> headers = new LinkedHashMap<>(server.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
        return server.toBuilder().auth(null).headers(headers).build();
    }

    void start() {
        upstream.start();
    }

    String server() {
        return config.name();
    }

    String user() {
        return user;
    }

    ServerGuard guard() {
        return guard;
    }

    boolean isFor(HttpServer server) {
        return config.equals(server);
    }

    /** Whether the session was made for credentials of this kind: a token given by the application, or a grant. */
    boolean sameKind(UserCredentials credentials) {
        return (bearer == null) == credentials.isOAuthGrant();
    }

    void lease(UserCredentials latest) {
        leases++;
        if (bearer != null && !latest.isOAuthGrant()) {
            bearer.update(latest);
        }
    }

    /** Ends a lease; true when the session is to be closed now (it was retired and this was its last call). */
    boolean release(Instant now) {
        leases--;
        lastUsed = now;
        return retired && leases == 0;
    }

    void retire() {
        retired = true;
    }

    boolean idle() {
        return leases == 0;
    }

    boolean idleSince(Instant now, Duration timeout) {
        return leases == 0 && !lastUsed.plus(timeout).isAfter(now);
    }

    /**
     * The connection, once its first connection attempt has ended (at most the connect timeout and a margin).
     *
     * @throws dev.switchboard.SwitchboardException how that attempt failed for good (a refused token: AUTH_FAILED)
     */
    Upstream ready(String tool) {
        Duration wait = config.options().connectTimeout().plusSeconds(5);
        try {
            upstream.firstAttempt().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.switchboard.SwitchboardException(dev.switchboard.ErrorCode.CANCELLED, config.name(), tool,
                    "the call for user '" + user + "' was interrupted while its session was opening", e);
        } catch (ExecutionException | TimeoutException e) {
            // Not ready yet: the call waits for it within its own deadline, as any call does.
        }
        var failed = UserSessions.notReady(upstream, tool);
        if (failed != null) {
            throw failed;
        }
        return upstream;
    }

    /** Whether its connection failed for good (it retries nothing more). */
    boolean failedForGood() {
        return upstream.state() == dev.switchboard.ServerState.FAILED;
    }

    void close() {
        upstream.close();
    }
}
