package dev.switchboard;

import dev.switchboard.internal.auth.LoopbackRedirect;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The interactive step of the OAuth authorization code flow: a person authorizes Switchboard at a server's
 * authorization server, which then redirects to Switchboard's redirect URI with a code. Switchboard does everything
 * else (discovery, client registration, PKCE, the token request, refresh); this handler only gets the person there
 * and brings the redirect back.
 *
 * <p>An application passes one to {@link Switchboard.Builder#authorizationHandler}; without one, a server that needs
 * a person's authorization fails with {@link ErrorCode#AUTH_FAILED}. Called on a virtual thread; it may block
 * until the person is done (the server's connect timeout still applies).
 */
public interface AuthorizationHandler {

    /**
     * A handler that {@code show}s the authorization URL (print it, open a browser with it) and receives the
     * redirect on a loopback port it opens for the purpose ({@code http://127.0.0.1:PORT/callback}), waiting at most
     * {@code wait} for the person. Works over SSH too: the person opens the URL wherever there is a browser, and
     * only the last redirect has to reach this machine (forward the port, or paste the redirect URL with curl).
     */
    static AuthorizationHandler loopback(Consumer<URI> show, Duration wait) {
        return new LoopbackRedirect(show, wait);
    }

    /**
     * The redirect URI to register for {@code server} and to send the person back to: a loopback URL for a
     * desktop application or a CLI ({@code http://127.0.0.1:PORT/callback}), an https URL of a web application.
     */
    URI redirectUri(String server);

    /**
     * Has the person authorize Switchboard at {@code authorizationUrl} (open a browser, print it, ...) and returns
     * the URI the authorization server redirected to, with its {@code code} and {@code state} (or its
     * {@code error}) in the query. Switchboard checks the state.
     *
     * @throws IOException when the redirect could not be received
     * @throws InterruptedException when the wait was interrupted (Switchboard is closing, or gave up)
     */
    URI authorize(String server, URI authorizationUrl) throws IOException, InterruptedException;
}
