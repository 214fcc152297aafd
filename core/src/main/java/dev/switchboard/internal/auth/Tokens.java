package dev.switchboard.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The tokens of one server, with what was asked for: the scopes requested decide whether a step-up can help.
 * {@link #toString()} shows no token.
 *
 * @param expiresAt when the access token expires, or null when the server did not say
 * @param refreshToken null when the server issued none
 * @param requestedScopes the scopes asked for when these were issued
 * @param issuedAt when they were issued
 */
record Tokens(String accessToken, String refreshToken, Instant expiresAt, List<String> requestedScopes,
        Instant issuedAt) {
    /** How long before its expiry an access token is refreshed, so that no request goes out with a dying one. */
    static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);

    Tokens {
        requestedScopes = List.copyOf(requestedScopes);
    }

    /** Whether the access token expires within {@link #REFRESH_AHEAD} of {@code now}. */
    boolean expiringAt(Instant now) {
        return expiresAt != null && !now.plus(REFRESH_AHEAD).isBefore(expiresAt);
    }

    String header() {
        return "Bearer " + accessToken;
    }

    @Override
    public String toString() {
        return "Tokens[expiresAt=" + expiresAt + ", refreshable=" + (refreshToken != null) + ", scopes="
                + requestedScopes + "]";
    }
}
