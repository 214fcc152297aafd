package dev.switchboard.internal.auth;

/**
 * Where the {@code Authorization} of a connection's requests comes from: a server's {@link OAuthClient}, or the
 * credentials of one user of the application (a per-user session). The transport asks it before every request and
 * tells it of every refusal.
 */
public interface BearerSource {
    /** Whether {@link #authorization()} would block first (a refresh is due). */
    boolean refreshDue();

    /** The {@code Authorization} value for the next request, or null to send none. */
    String authorization() throws InterruptedException;

    /**
     * Answers a refused request (HTTP 401 or 403): true when it should be sent again with a new authorization.
     *
     * @param sent the {@code Authorization} the refused request carried, or null
     * @throws dev.switchboard.SwitchboardException {@code AUTH_FAILED} saying what failed and what to do
     */
    boolean onRefused(int status, String wwwAuthenticate, String sent) throws InterruptedException;
}
