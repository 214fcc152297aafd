package dev.switchboard.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Whose credentials a server's requests carry: Switchboard's own (one connection shared by every caller), or each
 * user's own ({@code credentials: per_user}), so that the server sees every user as themselves.
 */
public enum CredentialsMode {
    /** Switchboard's own: its headers or its {@code auth:} tokens, on one connection. */
    SHARED("shared"),
    /**
     * Each user's own: there is no shared connection; every call carries a user's credentials
     * ({@code CallOptions.withCredentials}), and the gateway uses each authenticated client's own grant, obtained
     * with {@code switchboard auth login SERVER --user ID}. For HTTP servers with {@code auth:}.
     */
    PER_USER("per_user");

    private final String text;

    CredentialsMode(String text) {
        this.text = text;
    }

    /** The name in the configuration file. */
    public String text() {
        return text;
    }

    /** The mode named {@code text} in a configuration file ({@code per_user}, {@code per-user}, ...). */
    static Optional<CredentialsMode> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (CredentialsMode m : values()) {
            if (m.text.equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
