package dev.switchboard.internal.auth;

/**
 * A step of the authorization flow that failed, with what to do about it; the {@link OAuthClient} turns it into an
 * {@code AUTH_FAILED} error naming the server. Messages never hold a token, code, verifier or secret.
 */
final class AuthFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param step what Switchboard was doing ("Protected Resource Metadata discovery", "the token request")
     * @param problem what went wrong, then what to do
     */
    AuthFailure(String step, String problem) {
        super(step + " failed: " + problem);
    }

    AuthFailure(String step, String problem, Throwable cause) {
        super(step + " failed: " + problem, cause);
    }
}
