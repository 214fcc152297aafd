package dev.switchboard.config;

import dev.switchboard.internal.observe.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What an HTTP server's URL must be (http or https, with a host, without credentials), and what is risky. */
final class UrlRules {
    private static final String EXPECTED = "expected: an http:// or https:// URL, e.g. https://host/mcp";
    private static final String USE_HEADERS = "send it as a header instead, e.g. headers: {Authorization:"
            + " \"Bearer ${API_TOKEN}\"}";
    private static final Set<String> SECRET_WORDS = Set.of("token", "key", "apikey", "secret", "password",
            "passwd", "pwd", "credential", "credentials", "auth", "authorization", "sig", "signature", "jwt");

    private UrlRules() {
    }

    /** The URL, or null after reporting why it cannot be used. URLs are only ever printed redacted. */
    static URI parse(String text, String path, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.error(path, "is blank (" + EXPECTED + ")");
            return null;
        }
        String shown = Redactor.url(text.trim());
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            problems.error(path, shown + " is not a valid URL: " + e.getReason() + " (" + EXPECTED + ")");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.error(path, shown + " is not an http(s) URL (" + EXPECTED + ")");
            return null;
        }
        if (uri.getHost() == null) {
            problems.error(path, shown + (uri.getRawAuthority() == null ? " has no host (" + EXPECTED + ")"
                    : " has an invalid host name (expected: letters, digits, - and . only; no _)"));
            return null;
        }
        return credentialsIn(uri, shown, path, problems) ? null : uri;
    }

    /** Credentials in a URL end up in proxy logs, browser history and our own logs: they belong in headers. */
    private static boolean credentialsIn(URI uri, String shown, String path, Problems problems) {
        if (uri.getRawUserInfo() != null) {
            problems.error(path, shown + " has credentials in it (user:password@) (expected: no credentials in the"
                    + " URL; " + USE_HEADERS + ")");
            return true;
        }
        Optional<String> param = secretParameter(uri.getRawQuery());
        param.ifPresent(p -> problems.error(path, shown + " has a credential in query parameter " + p
                + " (expected: no credentials in the URL; " + USE_HEADERS + ")"));
        return param.isPresent();
    }

    private static Optional<String> secretParameter(String query) {
        if (query == null) {
            return Optional.empty();
        }
        return Arrays.stream(query.split("&"))
                .map(p -> p.split("=", 2)[0])
                .filter(UrlRules::namesASecret)
                .findFirst();
    }

    /** Whether a parameter name has a word that names a secret: accessToken, api_key, X-Auth; not keyword. */
    static boolean namesASecret(String name) {
        return Arrays.stream(name.split("(?<=[a-z0-9])(?=[A-Z])|[-_.]"))
                .anyMatch(word -> SECRET_WORDS.contains(word.toLowerCase(Locale.ROOT)));
    }

    /** Warns when secret headers would cross the network unencrypted. */
    static void warnPlainHttp(URI url, Map<String, String> headers, String path, Problems problems) {
        if (!"http".equalsIgnoreCase(url.getScheme()) || isLoopback(url.getHost())) {
            return;
        }
        headers.keySet().stream().filter(Redactor::isSensitiveName).findFirst().ifPresent(h -> problems.warn(path,
                "sends " + h + " over plain http to " + url.getHost() + ", readable by anyone on the way"
                        + " (expected: https://)"));
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
                || h.equals("::1");
    }
}
