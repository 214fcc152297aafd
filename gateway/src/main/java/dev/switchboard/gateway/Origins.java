package dev.switchboard.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may use the gateway: loopback pages (any port) and the configured ones. A page from anywhere
 * else is refused, so that a web site cannot reach a local gateway through the user's browser (DNS rebinding).
 */
final class Origins {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;
    private final boolean any;

    Origins(List<String> allowed) {
        this.any = allowed.contains("*");
        this.allowed = Set.copyOf(allowed.stream().map(Origins::normal).toList());
    }

    boolean allowed(String origin) {
        if (any || allowed.contains(normal(origin))) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            String host = uri.getHost();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && host != null
                    && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normal(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
