package dev.switchboard.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web dashboard: {@code /} is its page and {@code /dashboard/*} its scripts, styles and icon, read from the
 * gateway's jar. They are public static files, open without a token (the page asks for one): every figure the page
 * shows comes from the REST API, which it calls with the token, so access control is the API's, unchanged. The page
 * may run no inline script and load nothing from elsewhere (its Content-Security-Policy), so that a server's data
 * shown on it cannot run as code.
 */
final class Dashboard extends Handler.Abstract {
    static final String PAGE = "/";
    static final String ASSETS = "/dashboard/";
    /** Only flat names of known kinds: no '/' and no "..", so nothing outside the dashboard's folder is reachable. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg|html)");
    private static final String FOLDER = "dashboard/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "html", "text/html; charset=utf-8");
    /**
     * Scripts, styles and images from the gateway only, data from its API only; no plugins, no framing (clickjacking
     * of the controls), forms that post nowhere else. 'unsafe-inline' nowhere: the page has no inline script or style.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** Whether the dashboard serves this path (open to all: it is static and holds no data). */
    static boolean serves(String path) {
        return path.equals(PAGE) || path.startsWith(ASSETS) && ASSET.matcher(path.substring(ASSETS.length()))
                .matches();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(PAGE) && !path.startsWith(ASSETS)) {
            return false;
        }
        String name = path.equals(PAGE) ? "index.html" : path.substring(ASSETS.length());
        byte[] body = ASSET.matcher(name).matches() ? read(name) : null;
        if (body == null) {
            Replies.error(response, callback, HttpStatus.NOT_FOUND_404, "the dashboard has no file " + path);
            return true;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod() + " " + path
                    + " is not supported (expected: GET)");
            return true;
        }
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        // The page is small and changes with the gateway's version: always revalidated, never stale after an upgrade.
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
        response.setStatus(HttpStatus.OK_200);
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    /** A file of the dashboard's folder in the jar, or null when there is none by that name. */
    private byte[] read(String name) {
        byte[] cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = Dashboard.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            cache.put(name, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
