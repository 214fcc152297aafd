package dev.switchboard;

import dev.switchboard.config.HttpServer;
import dev.switchboard.internal.auth.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth tokens kept in a token store directory (see {@link Switchboard.Builder#tokenStore}), seen from outside
 * a running Switchboard: whether a server has any, until when, and forgetting them ("log out"). Never shows a token.
 */
public final class OAuthTokens {
    private final TokenStore store;

    private OAuthTokens(TokenStore store) {
        this.store = store;
    }

    /** The tokens kept in {@code directory}, with the key from the environment or the directory's key file. */
    public static OAuthTokens in(Path directory) {
        return new OAuthTokens(new TokenStore(directory, System.getenv()));
    }

    /** The tokens kept in {@code directory}, with the key looked up in {@code environment}. */
    public static OAuthTokens in(Path directory, Map<String, String> environment) {
        return new OAuthTokens(new TokenStore(directory, environment));
    }

    /**
     * What is kept for one server.
     *
     * @param expiresAt when the access token expires, or null when the server did not say
     * @param refreshable whether a refresh token is kept (the next start refreshes instead of asking again)
     * @param authorizationServer the issuer that granted them
     */
    public record Kept(Instant expiresAt, boolean refreshable, List<String> scopes, String authorizationServer) {
    }

    /**
     * What is kept for {@code server}; empty when nothing is.
     *
     * @throws IOException when the file cannot be read or decrypted (another key, or damaged)
     */
    public Optional<Kept> kept(HttpServer server) throws IOException {
        return store.summary(server.name(), server.url()).map(s -> new Kept(s.expiresAt(), s.refreshable(),
                s.scopes(), s.issuer()));
    }

    /**
     * What is kept of {@code user}'s own grant for {@code server} ({@code credentials: per_user}); empty when
     * nothing is.
     *
     * @throws IOException when the file cannot be read or decrypted (another key, or damaged)
     */
    public Optional<Kept> kept(HttpServer server, String user) throws IOException {
        return store.forUser(user).summary(server.name(), server.url()).map(s -> new Kept(s.expiresAt(),
                s.refreshable(), s.scopes(), s.issuer()));
    }

    /** Forgets {@code user}'s own grant for {@code server}; true when there was one. */
    public boolean forget(String server, String user) throws IOException {
        return store.forUser(user).delete(server);
    }

    /** Forgets the tokens of {@code server}; true when there were any. */
    public boolean forget(String server) throws IOException {
        return store.delete(server);
    }
}
