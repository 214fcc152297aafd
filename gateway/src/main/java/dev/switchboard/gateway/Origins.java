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
    /** The hosts of the allowed origins: the names a request's {@code Host} may give besides loopback ones. */
    private final Set<String> allowedHosts;
    private final boolean any;

    Origins(List<String> allowed) {
        this.any = allowed.contains("*");
        this.allowed = Set.copyOf(allowed.stream().map(Origins::normal).toList());
        this.allowedHosts = Set.copyOf(this.allowed.stream().map(Origins::hostOfOrigin)
                .filter(java.util.Objects::nonNull).toList());
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

    /**
     * Whether a request's {@code Host} names this gateway: a loopback name, or the host of a configured origin (a
     * reverse proxy's public name). A page that reached a loopback gateway through a name of its own (DNS rebinding)
     * sends no {@code Origin} with its GET requests, but its {@code Host} is still that name.
     */
    boolean hostAllowed(String hostHeader) {
        if (any) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        String host = hostOf(hostHeader);
        return LOOPBACK.contains(host) || allowedHosts.contains(host);
    }

    private static String hostOfOrigin(String origin) {
        try {
            String h = new URI(origin).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null; // not an origin a Host can match
        }
    }

    /** The host part of a {@code Host} header, lower case, without its port ({@code [::1]} keeps its brackets). */
    private static String hostOf(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String normal(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
