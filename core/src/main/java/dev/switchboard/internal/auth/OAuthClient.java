package dev.switchboard.internal.auth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.switchboard.AuthorizationHandler;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpAuth;
import dev.switchboard.config.HttpServer;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OAuth client of one protected server: holds its tokens across connections, answers the server's 401 with
 * discovery and authorization (or a refresh), its 403 {@code insufficient_scope} with a bounded step-up, and
 * refreshes a token shortly before it expires. One flow at a time; a request refused with a token that another
 * request has since replaced is simply repeated. Nothing it logs or throws holds a token, code, verifier or secret.
 */
public final class OAuthClient implements BearerSource {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OAuthClient.class);
    /** Step-ups per client: a server that keeps asking for more than is granted would loop forever. */
    static final int MAX_STEP_UPS = 2;
    /** A token refused this soon after it was issued will not be accepted by authorizing again. */
    private static final Duration JUST_ISSUED = Duration.ofSeconds(30);

    private final HttpServer server;
    private final HttpAuth auth;
    private final AuthorizationHandler handler;
    private final Clock clock;
    private final LogGate gate;
    private final TokenStore store;
    /** The user whose own grant this is ({@code credentials: per_user}), or null for the server's. */
    private final String user;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Tokens tokens;
    /** The tokens whose refresh failed: not tried again before the server refuses them (no retry on every call). */
    private volatile Tokens refreshFailed;
    private Discovery.Found found;
    private Client client;
    private String clientIssuer;
    private int stepUps;

    /**
     * @param handler the interactive step of the code flow, or null when there is nobody to ask
     * @param store where the tokens are kept across restarts, or null to keep them in memory only
     */
    public OAuthClient(HttpServer server, AuthorizationHandler handler, Clock clock, LogGate gate, TokenStore store) {
        this(server, handler, clock, gate, store, null);
    }

    /**
     * The client of one user's own grant for {@code server}, kept in {@code store} (a user's view of the token
     * store); its errors name the user and how to grant.
     */
    public OAuthClient(HttpServer server, AuthorizationHandler handler, Clock clock, LogGate gate, TokenStore store,
            String user) {
        this.user = user;
        this.server = server;
        this.auth = server.auth();
        this.handler = handler;
        this.clock = clock;
        this.gate = gate;
        this.store = store;
        restore();
    }

    /** The tokens kept by an earlier run, if any: refreshed when due instead of asking a person again. */
    private void restore() {
        if (store == null) {
            return;
        }
        try {
            store.load(server.name(), server.url()).ifPresent(e -> {
                tokens = e.tokens();
                found = new Discovery.Found(e.resource(), ResourceMetadata.NONE, e.server());
                client = e.client();
                clientIssuer = e.server().issuer();
            });
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // A file of another key, or damaged: authorizing again replaces it.
            gate.warn(log, LogEvents.AUTH_STORE_UNREADABLE).addKeyValue("server", server.name())
                    .addKeyValue("error", e.getClass().getSimpleName()).log();
        }
    }

    /** Keeps new tokens, in memory and in the store. */
    private void keep(Tokens t) {
        tokens = t;
        if (store == null || found == null) {
            return;
        }
        try {
            store.save(server.name(), server.url(), new TokenStore.Entry(t, found.server(), found.resource(),
                    client));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            gate.warn(log, LogEvents.AUTH_STORE_UNREADABLE).addKeyValue("server", server.name())
                    .addKeyValue("error", "not saved: " + e.getClass().getSimpleName()).log();
        }
    }

    /** Whether {@link #authorization()} would block first (a refresh is due). */
    @Override
    public boolean refreshDue() {
        Tokens t = tokens;
        return t != null && t != refreshFailed && t.expiringAt(clock.instant())
                && (t.refreshToken() != null || clientCredentials());
    }

    /** The {@code Authorization} value for the next request, or null before the first authorization. */
    @Override
    public String authorization() throws InterruptedException {
        if (!refreshDue()) {
            Tokens t = tokens;
            return t == null ? null : t.header();
        }
        lock.lock();
        try {
            if (refreshDue()) {
                try {
                    keep(renew(tokens));
                } catch (AuthFailure e) {
                    // The old token goes out; if the server refuses it, its 401 starts a new authorization.
                    refreshFailed = tokens;
                    failed(e);
                }
            }
            return tokens.header();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Answers a refused request: true when it should be sent again with the new token.
     *
     * @param sent the {@code Authorization} the refused request carried, or null
     * @throws SwitchboardException {@code AUTH_FAILED} naming the step that failed and what to do
     */
    @Override
    public boolean onRefused(int status, String wwwAuthenticate, String sent) throws InterruptedException {
        lock.lock();
        try {
            Tokens t = tokens;
            if (t != null && !t.header().equals(sent)) {
                return true; // renewed since that request went out
            }
            Challenge challenge = Challenge.parse(wwwAuthenticate);
            keep(status == 403 ? stepUp(t, challenge) : reauthorize(t, challenge));
            return true;
        } catch (AuthFailure e) {
            throw failed(e);
        } finally {
            lock.unlock();
        }
    }

    private Tokens stepUp(Tokens t, Challenge challenge) throws AuthFailure, InterruptedException {
        if (t == null || !challenge.insufficientScope()) {
            throw new AuthFailure("access", "the server refused the token with HTTP 403"
                    + (challenge.error() == null ? "" : " (" + challenge.error() + ")")
                    + "; check that the account has access to this server");
        }
        if (t.requestedScopes().containsAll(challenge.scopes()) || stepUps >= MAX_STEP_UPS) {
            throw new AuthFailure("step-up authorization", "the server still requires the scopes "
                    + challenge.scopes() + " after " + (stepUps + 1) + " authorization(s) that asked for them;"
                    + " check auth.scopes and that the account may be granted them");
        }
        stepUps++;
        var scopes = new LinkedHashSet<>(t.requestedScopes());
        scopes.addAll(challenge.scopes());
        return authorize(challenge, new ArrayList<>(scopes));
    }

    private Tokens reauthorize(Tokens t, Challenge challenge) throws AuthFailure, InterruptedException {
        if (t != null && t.issuedAt().plus(JUST_ISSUED).isAfter(clock.instant())) {
            throw new AuthFailure("access", "the server refused (HTTP 401) the token the authorization server"
                    + " has just issued; check that the server and its authorization server agree on the resource"
                    + " (" + (found == null ? server.url() : found.resource()) + ")");
        }
        if (t != null && t.refreshToken() != null && found != null) {
            try {
                return renew(t);
            } catch (AuthFailure e) {
                failed(e); // the grant may be gone: authorize from the start
            }
        }
        return authorize(challenge, null);
    }

    /** Discovery, client identification and a grant; {@code scopes} null to choose them from the challenge. */
    private Tokens authorize(Challenge challenge, List<String> scopes) throws AuthFailure, InterruptedException {
        try (AuthHttp http = new AuthHttp(server.options().connectTimeout())) {
            found = Discovery.discover(http, server.url(), challenge);
            List<String> wanted = scopes != null ? scopes : scopes(challenge);
            gate.info(log, LogEvents.AUTH_DISCOVERED).addKeyValue("server", server.name())
                    .addKeyValue("authorization_server", found.server().issuer())
                    .addKeyValue("resource", found.resource()).addKeyValue("scopes", String.join(" ", wanted)).log();
            TokenClient tokenClient = new TokenClient(http, clock);
            Tokens issued;
            if (clientCredentials()) {
                issued = tokenClient.request("the client credentials token request", found.server(),
                        credentialsClient(), new ClientCredentialsGrant(), found.resource(), wanted, null);
            } else {
                if (handler == null && user != null) {
                    throw new AuthFailure("authorization", "user '" + user + "' has not authorized Switchboard for"
                            + " this server at " + found.server().issuer() + ", or the grant was revoked: grant it"
                            + " with `switchboard auth login CONFIG " + server.name() + " --user " + user + "`");
                }
                if (handler == null) {
                    throw new AuthFailure("authorization", "the server needs a person to authorize Switchboard at "
                            + found.server().issuer() + ", and there is nobody to ask: run `switchboard auth login"
                            + " CONFIG " + server.name() + "` (or the command on a terminal), give the application"
                            + " an AuthorizationHandler (Switchboard.builder(...).authorizationHandler), or use"
                            + " auth: client_credentials");
                }
                URI redirect = handler.redirectUri(server.name());
                Client c = client(http, redirect, wanted);
                var grant = CodeFlow.authorize(server.name(), handler, found, c, redirect, wanted);
                issued = tokenClient.request("the token request", found.server(), c, grant, found.resource(),
                        wanted, null);
            }
            gate.info(log, LogEvents.AUTH_AUTHORIZED).addKeyValue("server", server.name())
                    .addKeyValue("expires_at", issued.expiresAt()).addKeyValue("refreshable",
                            issued.refreshToken() != null).log();
            return issued;
        }
    }

    private Tokens renew(Tokens t) throws AuthFailure, InterruptedException {
        try (AuthHttp http = new AuthHttp(server.options().connectTimeout())) {
            TokenClient tokenClient = new TokenClient(http, clock);
            Tokens renewed = clientCredentials() || t.refreshToken() == null
                    ? tokenClient.request("the client credentials token request", found.server(),
                            credentialsClient(), new ClientCredentialsGrant(), found.resource(),
                            t.requestedScopes(), null)
                    : tokenClient.request("the refresh token request", found.server(), client,
                            new RefreshTokenGrant(new RefreshToken(t.refreshToken())), found.resource(),
                            t.requestedScopes(), t.refreshToken());
            gate.info(log, LogEvents.AUTH_REFRESHED).addKeyValue("server", server.name())
                    .addKeyValue("expires_at", renewed.expiresAt()).log();
            return renewed;
        }
    }

    /** The configured scopes, else the challenge's, else all the server supports (plus offline_access), else none. */
    private List<String> scopes(Challenge challenge) {
        List<String> base = !auth.scopes().isEmpty() ? auth.scopes() : !challenge.scopes().isEmpty()
                ? challenge.scopes() : found.protectedResource().scopesSupported();
        if (base.isEmpty() || clientCredentials() || base.contains("offline_access")
                || !found.server().scopesSupported().contains("offline_access")) {
            return base;
        }
        // SEP-2207: a client that wants to refresh asks for offline_access where the server offers it.
        List<String> withOffline = new ArrayList<>(base);
        withOffline.add("offline_access");
        return withOffline;
    }

    private Client client(AuthHttp http, URI redirect, List<String> scopes) throws AuthFailure, InterruptedException {
        if (client == null || !found.server().issuer().equals(clientIssuer)) {
            client = Registrar.identify(http, auth, found.server(), redirect, scopes);
            clientIssuer = found.server().issuer();
            gate.info(log, LogEvents.AUTH_REGISTERED).addKeyValue("server", server.name())
                    .addKeyValue("client_id", client.id()).addKeyValue("token_endpoint_auth", client.method()).log();
        }
        return client;
    }

    private Client credentialsClient() throws AuthFailure {
        if (auth.privateKey() != null) {
            var key = Keys.parse(auth.privateKey());
            return new Client(auth.clientId(), Client.JWT, null, key, Keys.algorithm(key, auth.signingAlgorithm()));
        }
        String method = Registrar.supports(found.server(), Client.POST)
                && !Registrar.supports(found.server(), Client.BASIC) ? Client.POST : Client.BASIC;
        return new Client(auth.clientId(), method, auth.clientSecret(), null, null);
    }

    private boolean clientCredentials() {
        return auth.type() == HttpAuth.Type.CLIENT_CREDENTIALS;
    }

    private SwitchboardException failed(AuthFailure e) {
        var event = gate.warn(log, LogEvents.AUTH_FAILED).addKeyValue("server", server.name());
        if (user != null) {
            event = event.addKeyValue("user", user);
        }
        event.addKeyValue("error", e.getMessage()).log();
        return new SwitchboardException(ErrorCode.AUTH_FAILED, server.name(), null, "server '" + server.name()
                + "'" + (user == null ? "" : " for user '" + user + "'") + ": " + e.getMessage(), null);
    }
}
