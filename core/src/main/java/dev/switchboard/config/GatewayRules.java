package dev.switchboard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway's listen address and allowed origins must be, for the loader (which reports every problem) and
 * {@link GatewaySettings} (which throws at the first).
 */
final class GatewayRules {
    static final String ORIGIN_EXAMPLE = "https://app.example.com";
    static final String RESOURCE_NEEDED = "is missing, and the gateway listens beyond loopback, where its address is"
            + " rarely the one clients use (expected: the URL of the gateway's MCP endpoint as clients reach it, e.g."
            + " https://mcp.example.com/mcp; tokens must be issued for it)";
    static final String ORIGIN_EXPECTED = "scheme://host[:port], as a browser sends it, e.g. " + ORIGIN_EXAMPLE;
    /** An IPv4 literal without leading zeros (which the JDK refuses as ambiguous, and would then look up). */
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})"
            + "\\.(0|[1-9]\\d{0,2})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern ORIGIN = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)",
            Pattern.DOTALL);
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::(\\d{1,9}))?");

    private GatewayRules() {
    }

    /** Whether a host is 127.0.0.0/8, ::1 (in brackets or not) or {@code localhost}; decided without DNS. */
    static boolean isLoopback(String host) {
        String h = unbracketed(host.trim());
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        Matcher v4 = IPV4.matcher(h);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return v4.group(1).equals("127");
        }
        if (!IPV6.matcher(h).matches()) {
            return false;
        }
        try {
            // An IPv6 literal (it has a colon and only hex digits, colons and dots) is parsed, never looked up.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Why the gateway may not listen on {@code host} without tokens. */
    static String notLoopback(String host) {
        return Section.shown(host) + " is not a loopback address, and without gateway.tokens anyone who reaches it"
                + " could use every server (expected: add a token to gateway.tokens (switchboard token create NAME"
                + " makes one) or configure gateway.oauth, or listen on 127.0.0.1, e.g. 127.0.0.1:7700; if the"
                + " network is trusted, set gateway.insecure: true or run serve --insecure)";
    }

    /** Why the gateway may not listen on {@code host} with OAuth but no resource URL. */
    static String noResource(String host) {
        return Section.shown(host) + " is not a loopback address, and gateway.oauth has no resource: tokens are"
                + " issued for the URL clients use, which the listen address rarely is (expected: gateway.oauth"
                + ".resource, e.g. https://mcp.example.com/mcp, or listen on 127.0.0.1)";
    }

    /** {@code ::1} for {@code [::1]}; any other host as it is. */
    static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An allowed origin as a browser sends it (lower case, no default port, no trailing /), or why it is none. */
    record Origin(String normal, String problem) {
    }

    /** Checks one entry of {@code allowed_origins} other than {@code *}. */
    static Origin origin(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return problem("is blank (expected: " + ORIGIN_EXPECTED + ")");
        }
        Matcher m = ORIGIN.matcher(t);
        if (!m.matches()) {
            return problem(Section.shown(t) + " is not an origin (expected: " + ORIGIN_EXPECTED + ")");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String authority = m.group(2);
        String rest = m.group(3);
        if (authority.contains("@")) {
            // Not quoted: what stands before the @ may be a password.
            return problem("has credentials in it (user@ or user:password@) (expected: " + ORIGIN_EXPECTED + ")");
        }
        if (authority.contains("*")) {
            return problem(Section.shown(t) + " has a wildcard (expected: exact origins, e.g. " + ORIGIN_EXAMPLE
                    + "; \"*\" alone allows any origin)");
        }
        Matcher hp = HOST_PORT.matcher(authority);
        if (!hp.matches()) {
            return problem(Section.shown(t) + (authority.isEmpty() ? " has no host" : " has an invalid host")
                    + " (expected: " + ORIGIN_EXPECTED + ")");
        }
        String port = hp.group(2) == null ? "" : String.valueOf(Integer.parseInt(hp.group(2)));
        if (!port.isEmpty() && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            return problem(Section.shown(t) + " has port " + port + ", which is out of range (expected: a port from"
                    + " 1 to 65535)");
        }
        if (scheme.equals("http") && port.equals("80") || scheme.equals("https") && port.equals("443")) {
            port = ""; // a browser leaves out the scheme's own port
        }
        String normal = scheme + "://" + hp.group(1).toLowerCase(Locale.ROOT) + (port.isEmpty() ? "" : ":" + port);
        if (!rest.isEmpty() && !rest.equals("/")) {
            String what = rest.startsWith("/") ? "a path" : "a query or fragment";
            return problem(Section.shown(t) + " has " + what + " (expected: " + normal + ", as an origin is only"
                    + " scheme://host[:port])");
        }
        return new Origin(normal, null);
    }

    private static Origin problem(String message) {
        return new Origin(null, message);
    }
}
