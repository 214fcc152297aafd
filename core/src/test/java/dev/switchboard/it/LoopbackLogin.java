package dev.switchboard.it;

import dev.switchboard.AuthorizationHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the person of the authorization code flow: opens the authorization URL as a browser would (one GET) and
 * returns where the authorization server redirected to, without anything listening there.
 */
final class LoopbackLogin implements AuthorizationHandler {
    static final URI REDIRECT = URI.create("http://127.0.0.1:1/callback");
    /** The authorization URLs opened, in order. */
    final List<URI> opened = new CopyOnWriteArrayList<>();

    @Override
    public URI redirectUri(String server) {
        return REDIRECT;
    }

    @Override
    public URI authorize(String server, URI authorizationUrl) throws IOException, InterruptedException {
        opened.add(authorizationUrl);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(authorizationUrl).build(),
                    HttpResponse.BodyHandlers.discarding());
            return URI.create(r.headers().firstValue("location").orElseThrow(() -> new IOException("no redirect")));
        }
    }
}
