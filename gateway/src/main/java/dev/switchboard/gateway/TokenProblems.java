package dev.switchboard.gateway;

import java.util.Locale;

/**
 * Why Nimbus refused an access token, in words for the client's {@code error_description} and the gateway's log: it
 * names the claim or step that failed and what was expected, never the token, and keeps to the characters a quoted
 * {@code WWW-Authenticate} parameter may hold.
 */
final class TokenProblems {
    private TokenProblems() {
    }

    static String describe(Exception e, String issuer, String audience) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        String text;
        if (m.contains("expired")) {
            text = "the token has expired";
        } else if (m.contains("before use time")) {
            text = "the token is not valid yet (nbf)";
        } else if (m.contains("aud claim") || m.contains("audience")) {
            text = "the token is not for this resource (expected aud " + audience + ")";
        } else if (m.contains("iss claim")) {
            text = "the token is from another issuer (expected iss " + issuer + ")";
        } else if (m.contains("missing required claims")) {
            text = "the token lacks required claims: " + e.getMessage().replaceAll(".*claims:?\\s*", "");
        } else if (m.contains("invalid signature")) {
            text = "the token's signature is not valid";
        } else if (m.contains("no matching key") || m.contains("another algorithm")) {
            text = "the token is signed with an algorithm or key the issuer does not publish";
        } else if (m.contains("unsecured") || m.contains("plain")) {
            text = "unsigned tokens are refused";
        } else if (m.contains("type")) {
            text = "the token's typ is not a JWT access token";
        } else {
            text = "the token is not valid";
        }
        return quotable(text);
    }

    /** Printable ASCII without {@code "} and {@code \}, as RFC 6750 allows in {@code error_description}. */
    static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '?'));
        return out.toString();
    }
}
