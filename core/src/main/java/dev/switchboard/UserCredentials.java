package dev.switchboard;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The credentials of one user of an application, for calls made on that user's behalf
 * ({@link CallOptions#withCredentials}): the user's id and a bearer token for the server, or a supplier of it.
 *
 * <p>A call with credentials goes to its HTTP server over a session of that user alone (its own HTTP client, its
 * own {@code Authorization}), kept for later calls of the same user on the same server: see
 * {@link Switchboard.Builder#userSessions}. The token is a secret: {@link #toString()} shows the user only, and no
 * message or log of Switchboard holds it.
 *
 * {@snippet :
 * ToolResult mine = sb.call(ToolCall.of("github", "list_issues", Map.of()),
 *         CallOptions.DEFAULT.withCredentials(UserCredentials.bearer(user.id(), user.githubToken())));
 * }
 */
public final class UserCredentials {
    private final String user;
    private final Supplier<String> tokens;
    private final boolean renewable;
    private final boolean oauthGrant;

    private UserCredentials(String user, Supplier<String> tokens, boolean renewable) {
        this(user, tokens, renewable, false);
    }

    private UserCredentials(String user, Supplier<String> tokens, boolean renewable, boolean oauthGrant) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user: " + (user == null ? "null" : "blank")
                    + " (expected: the id of the user the call is made for)");
        }
        this.user = user;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.renewable = renewable;
        this.oauthGrant = oauthGrant;
    }

    /** A fixed bearer token of {@code user}; a later call with a new token for the same user sends the new one. */
    public static UserCredentials bearer(String user, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token of user '" + user + "': " + (token == null ? "null" : "blank")
                    + " (expected: the user's bearer token for the server)");
        }
        return new UserCredentials(user, () -> token, false);
    }

    /**
     * The bearer tokens of {@code user} from {@code tokens}, which is asked at each call and again when the server
     * refuses the token it gave (HTTP 401, a token expired or revoked): return the user's current token, refreshed
     * when it can be. When it answers with the refused token again, the call fails with
     * {@link ErrorCode#AUTH_FAILED}. Called on a virtual thread; it may block.
     */
    public static UserCredentials bearer(String user, Supplier<String> tokens) {
        return new UserCredentials(user, tokens, true);
    }

    /**
     * The user's own OAuth grant for the server (which has {@code auth:}): tokens Switchboard obtains with the
     * server's OAuth flow for that user, keeps in its token store under the user ({@link Switchboard.Builder#tokenStore})
     * and refreshes. The grant comes from {@code switchboard auth login CONFIG SERVER --user ID}, or from the
     * Switchboard's {@link AuthorizationHandler} at the user's first call; without either, the call fails with
     * {@link ErrorCode#AUTH_FAILED} saying how to grant it. What {@code credentials: per_user} servers of the gateway
     * use for each authenticated client.
     */
    public static UserCredentials oauthGrant(String user) {
        return new UserCredentials(user, () -> {
            throw new IllegalStateException("the OAuth grant of user '" + user + "' has no token of its own");
        }, true, true);
    }

    /** Whether these are the user's OAuth grant ({@link #oauthGrant}) rather than a token of the application's. */
    public boolean isOAuthGrant() {
        return oauthGrant;
    }

    /** The id of the user, as the application knows them; it names the user in errors and logs. */
    public String user() {
        return user;
    }

    /**
     * The token to send now (a supplier is asked); for Switchboard's own use.
     *
     * @throws IllegalStateException when a supplier gives no token
     */
    public String token() {
        String t = tokens.get();
        if (t == null || t.isBlank()) {
            throw new IllegalStateException("the token supplier of user '" + user + "' gave no token");
        }
        return t;
    }

    /** Whether a refused token may be replaced by asking again (a supplier), or not (a fixed token). */
    public boolean renewable() {
        return renewable;
    }

    @Override
    public String toString() {
        return "UserCredentials[user=" + user + (oauthGrant ? ", oauthGrant" : ", token=****") + "]";
    }
}
