package dev.switchboard.internal.users;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.UserCredentials;
import dev.switchboard.internal.auth.BearerSource;

/**
 * The {@code Authorization} of one user's session with one server: the user's token, read from their
 * {@link UserCredentials} at each call (so a rotated token is sent from the next call on) and again when the server
 * refuses it. Nothing it throws holds a token.
 */
final class UserBearer implements BearerSource {
    private final String server;
    private volatile UserCredentials credentials;
    /** The value sent now; null until the next request reads the credentials again. */
    private volatile String header;
    /** The last tokens sent, newest first: a late error may still quote one the user has rotated since. */
    private final java.util.Deque<String> sent = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final int REMEMBERED = 4;

    UserBearer(String server, UserCredentials credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    /** The credentials of the user's latest call: its token goes out from the next request on. */
    void update(UserCredentials latest) {
        credentials = latest;
        header = null;
    }

    @Override
    public boolean refreshDue() {
        return header == null && credentials.renewable(); // a supplier may block: not on the HTTP client's thread
    }

    @Override
    public String authorization() {
        String h = header;
        if (h == null) {
            h = "Bearer " + token();
            header = h;
            remember(h);
        }
        return h;
    }

    @Override
    public boolean onRefused(int status, String wwwAuthenticate, String sent) {
        UserCredentials c = credentials;
        if (c.renewable() || header == null) {
            String fresh = "Bearer " + token();
            if (!fresh.equals(sent)) {
                header = fresh;
                remember(fresh);
                return true; // a new token (refreshed, or the user's latest call brought one): try it
            }
        }
        throw UserSessions.refused(server, c.user(), status);
    }

    /** {@code text} without any of the tokens this session sent lately. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String h : sent) {
            out = out.replace(h.substring("Bearer ".length()), "****");
        }
        return out;
    }

    private void remember(String h) {
        if (!h.equals(sent.peekFirst())) {
            sent.addFirst(h);
            while (sent.size() > REMEMBERED) {
                sent.pollLast();
            }
        }
    }

    private String token() {
        UserCredentials c = credentials;
        try {
            return c.token();
        } catch (RuntimeException e) {
            // Only the exception's type: a supplier's message is its own and might hold anything.
            throw new SwitchboardException(ErrorCode.AUTH_FAILED, server, null, "server '" + server
                    + "': the token supplier of user '" + c.user() + "' failed (" + e.getClass().getSimpleName()
                    + "); check how the application obtains that user's token", null);
        }
    }
}
