package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of one authorization server, as Nimbus's {@link JWKSource}: its JWK set, found through its
 * metadata (RFC 8414, then OpenID Connect discovery) unless configured, fetched on first use and kept. A token signed
 * by a key the set does not have (the issuer rotated its keys) makes it fetch the set again, but at most once per
 * {@link #REFETCH_EVERY}, so that tokens with made-up key ids cannot make the gateway flood the issuer; the set is
 * also renewed when older than {@link #MAX_AGE}, and an old set is kept while the issuer cannot be reached.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {
    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);
    static final Duration REFETCH_EVERY = Duration.ofSeconds(30);
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final int MAX_BYTES = 512 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String issuer;
    private final URI configuredJwks;
    private final Clock clock;
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    /** The set and when it was fetched, as one value so that a reader never sees one without the other. */
    private volatile Fetched fetched;
    /** When a fetch last began, successful or not: the next refetch waits {@link #REFETCH_EVERY} after it. */
    private Instant attemptedAt;
    private URI jwksUri;

    private record Fetched(JWKSet keys, Instant at) {
    }

    IssuerKeys(String issuer, URI jwksUri, Clock clock) {
        this.issuer = issuer;
        this.configuredJwks = jwksUri;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Fetched now = fetched;
        JWKSet set = now == null || clock.instant().isAfter(now.at().plus(MAX_AGE)) ? refetch(now == null)
                : now.keys();
        List<JWK> found = selector.select(set);
        if (found.isEmpty()) {
            JWKSet fresh = refetch(false); // perhaps a new key: the issuer rotated them
            return fresh == set ? found : selector.select(fresh);
        }
        return found;
    }

    /**
     * The set after fetching it anew when allowed (always when {@code needed} and there is none yet, else once per
     * {@link #REFETCH_EVERY}); the set in hand when not allowed or when the issuer cannot be reached and one is kept.
     */
    private JWKSet refetch(boolean needed) throws KeySourceException {
        lock.lock();
        try {
            Instant now = clock.instant();
            boolean allowed = attemptedAt == null || !now.isBefore(attemptedAt.plus(REFETCH_EVERY));
            JWKSet keys = fetched == null ? null : fetched.keys();
            if (!allowed) {
                if (keys == null) {
                    throw new KeySourceException("the keys of " + issuer + " could not be fetched a moment ago;"
                            + " retrying in at most " + REFETCH_EVERY.toSeconds() + "s");
                }
                return keys;
            }
            attemptedAt = now;
            try {
                JWKSet set = JWKSet.parse(new String(get(jwksUri()), StandardCharsets.UTF_8));
                fetched = new Fetched(set, now);
                log.atInfo().setMessage("gateway.oauth.keys_fetched").addKeyValue("issuer", issuer)
                        .addKeyValue("keys", set.size()).log();
                return set;
            } catch (IOException | ParseException | RuntimeException e) {
                log.atWarn().setMessage("gateway.oauth.keys_failed").addKeyValue("issuer", issuer)
                        .addKeyValue("error", e.getMessage()).log();
                if (keys == null || needed) {
                    throw new KeySourceException("the keys of " + issuer + " cannot be fetched: " + e.getMessage(),
                            e);
                }
                return keys;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops fetching: a request under way is abandoned. */
    void close() {
        http.shutdownNow();
    }

    /** The JWK set's URL: configured, or the issuer's metadata's {@code jwks_uri} (looked up once). */
    private URI jwksUri() throws IOException {
        if (configuredJwks != null) {
            return configuredJwks;
        }
        if (jwksUri == null) {
            jwksUri = discover();
        }
        return jwksUri;
    }

    private URI discover() throws IOException {
        List<String> tried = new ArrayList<>();
        for (URI candidate : metadataUrls(issuer)) {
            try {
                JsonNode doc = JsonRpc.MAPPER.readTree(get(candidate));
                if (!issuer.equals(doc.path("issuer").asText())) {
                    // RFC 8414 section 3.3: metadata naming another issuer must not be used.
                    throw new IOException(candidate + " names issuer " + doc.path("issuer") + ", not " + issuer);
                }
                if (!doc.path("jwks_uri").isTextual()) {
                    throw new IOException(candidate + " has no jwks_uri (set gateway.oauth.jwks_uri)");
                }
                return URI.create(doc.path("jwks_uri").asText());
            } catch (IOException | IllegalArgumentException e) {
                tried.add(e.getMessage());
            }
        }
        throw new IOException("no metadata of issuer " + issuer + " names its keys (" + String.join("; ", tried)
                + ")");
    }

    /** Where an issuer's metadata may be, in the order of RFC 8414 and OpenID Connect Discovery. */
    static List<URI> metadataUrls(String issuer) {
        URI base = URI.create(issuer);
        String path = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath()
                .replaceAll("/+$", "");
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        List<URI> urls = new ArrayList<>();
        urls.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
        urls.add(URI.create(origin + "/.well-known/openid-configuration" + path));
        if (!path.isEmpty()) {
            urls.add(URI.create(origin + path + "/.well-known/openid-configuration"));
        }
        return urls;
    }

    private byte[] get(URI url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200) {
                    throw new IOException(url + " answered " + response.statusCode());
                }
                if (bytes.length > MAX_BYTES) {
                    throw new IOException(url + " answered more than " + MAX_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
    }
}
