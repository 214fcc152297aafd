package dev.switchboard.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.switchboard.config.GatewayOAuth;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks OAuth access tokens (JWTs) of the configured issuer, as the resource server the MCP authorization spec asks
 * for: signature by one of the issuer's keys ({@link IssuerKeys}) with an asymmetric algorithm only (never
 * {@code none}, never HMAC, whose key would be the public one), {@code iss}, {@code aud} (the gateway's resource URL
 * unless configured), {@code exp} and {@code nbf} within the clock skew, the required scopes; then the first rule the
 * token meets names its {@link OAuthCaller}.
 *
 * <p>A signature check costs tens of microseconds, so an accepted token is remembered under its SHA-256 until it
 * expires: a request with a known token costs one hash. Refused tokens are never remembered.
 */
final class AccessTokens {
    /** What a check of a token found. */
    sealed interface Check permits Accepted, Refused, Unavailable {
    }

    /** The token is valid: its caller. */
    record Accepted(OAuthCaller caller) implements Check {
    }

    /**
     * The token is refused: 401 {@code invalid_token}, or 403 {@code insufficient_scope} with the scope that would
     * do ({@code scope}); {@code description} never quotes the token.
     */
    record Refused(int status, String error, String description, String scope) implements Check {
    }

    /** The issuer's keys cannot be had now: the client should try again (503), its token may well be fine. */
    record Unavailable(String message) implements Check {
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final int REMEMBERED_MAX = 10_000;
    private static final int IDENTITIES_MAX = 100_000;
    private static final int IDENTITY_CHARS = 200;

    private record Remembered(OAuthCaller caller, Instant until) {
    }

    private record Identity(String rule, String name) {
    }

    private final GatewayOAuth oauth;
    private final Supplier<URI> resource;
    private final String separator;
    private final RateLimits limits;
    private final AtomicRateLimiter global;
    private final Clock clock;
    private final IssuerKeys keys;
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private final Map<Identity, OAuthCaller> callers = new ConcurrentHashMap<>();
    private final DefaultJWTProcessor<SecurityContext> processor;

    /** Tokens as {@code oauth} says; {@code gatewayUrl} is the MCP endpoint's URL, once the gateway listens. */
    AccessTokens(GatewayOAuth oauth, Supplier<URI> gatewayUrl, String separator, RateLimits limits,
            AtomicRateLimiter global, Clock clock) {
        this.oauth = oauth;
        this.resource = () -> oauth.resource() != null ? oauth.resource() : gatewayUrl.get();
        this.separator = separator;
        this.limits = limits;
        this.global = global;
        this.clock = clock;
        this.keys = new IssuerKeys(oauth.issuer(), oauth.jwksUri(), clock);
        this.processor = processor();
    }

    /** Stops fetching the issuer's keys; the gateway is stopping. */
    void close() {
        keys.close();
    }

    /** The settings these tokens are checked by. */
    GatewayOAuth settings() {
        return oauth;
    }

    /** The gateway's resource URL (RFC 8707): the configured one, else the MCP endpoint's URL. */
    URI resource() {
        return resource.get();
    }

    /** The {@code aud} a token must carry: the configured audience, else the gateway's resource URL. */
    String audience() {
        return oauth.audience() != null ? oauth.audience() : resource.get().toString();
    }

    /** Whether the token lets its bearer in, and as whom. */
    Check check(String token) {
        String digest = digest(token);
        Remembered known = verified.get(digest);
        if (known != null && clock.instant().isBefore(known.until())) {
            return new Accepted(known.caller());
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (KeySourceException e) {
            return new Unavailable(e.getMessage());
        } catch (ParseException e) {
            return invalid("the token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            return invalid(TokenProblems.describe(e, oauth.issuer(), audience()));
        }
        return admit(digest, claims);
    }

    /** The caller of a token whose signature, issuer and times are good: audience, scopes, identity, rule. */
    private Check admit(String digest, JWTClaimsSet claims) {
        if (claims.getAudience().stream().noneMatch(a -> sameResource(a, audience()))) {
            return invalid("the token is not for this resource (expected aud " + audience() + ")");
        }
        Set<String> scopes = scopes(claims);
        if (!scopes.containsAll(oauth.scopesRequired())) {
            return new Refused(403, "insufficient_scope", "the token lacks a required scope",
                    String.join(" ", oauth.scopesRequired()));
        }
        Object named = claims.getClaim(oauth.identityClaim());
        String identity = named == null ? "" : String.valueOf(named);
        if (identity.isBlank() || identity.length() > IDENTITY_CHARS) {
            return invalid("the token's " + oauth.identityClaim() + " claim names no caller");
        }
        GatewayOAuth.Rule rule = oauth.rules().stream().filter(r -> r.matches(scopes, claims.getClaims()))
                .findFirst().orElse(null);
        if (rule == null && !oauth.rules().isEmpty()) {
            return new Refused(403, "insufficient_scope", "no rule of gateway.oauth.rules lets this token in",
                    String.join(" ", oauth.scopesSupported()));
        }
        OAuthCaller caller = caller(rule, identity);
        remember(digest, caller, claims.getExpirationTime());
        return new Accepted(caller);
    }

    private static Refused invalid(String description) {
        return new Refused(401, "invalid_token", description, null);
    }

    /** The identity's caller under the rule: the same one for each of its tokens, with its own rate limit. */
    private OAuthCaller caller(GatewayOAuth.Rule rule, String identity) {
        Identity key = new Identity(rule == null ? null : rule.name(), identity);
        if (callers.size() >= IDENTITIES_MAX && !callers.containsKey(key)) {
            callers.clear(); // many identities: start over (their rate limits too) rather than grow without bound
        }
        return callers.computeIfAbsent(key, k -> new OAuthCaller(this, rule, identity, separator,
                rule == null ? null : limits.limiter("switchboard-gateway-oauth-" + rule.name(), rule.rateLimit()),
                global));
    }

    private void remember(String digest, OAuthCaller caller, Date expires) {
        if (verified.size() >= REMEMBERED_MAX) {
            verified.clear(); // many distinct valid tokens: start over rather than grow without bound
        }
        // Until the last instant the check itself would accept: its expiry plus the clock skew.
        verified.put(digest, new Remembered(caller, expires.toInstant().plus(oauth.clockSkew())));
    }

    /** The token's scopes: {@code scope} (space-separated, RFC 9068), or {@code scp} (a list or a string). */
    static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new HashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String s) {
                scopes.addAll(Arrays.asList(s.trim().split("\\s+")));
            } else if (value instanceof Collection<?> list) {
                list.forEach(v -> scopes.add(String.valueOf(v)));
            }
        }
        scopes.remove("");
        return scopes;
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // The audience is checked after, where a scheme or host in upper case still matches (as MCP asks).
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>((Set<String>) null,
                new JWTClaimsSet.Builder().issuer(oauth.issuer()).build(), Set.of("exp", "iss", "aud",
                oauth.identityClaim()), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) oauth.clockSkew().toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    /** Whether an {@code aud} names the resource: the same, or the same but for the case of scheme and host. */
    static boolean sameResource(String aud, String resource) {
        if (aud.equals(resource)) {
            return true;
        }
        try {
            URI a = URI.create(aud);
            URI r = URI.create(resource);
            return a.getScheme() != null && a.getScheme().equalsIgnoreCase(r.getScheme())
                    && a.getRawAuthority() != null && a.getRawAuthority().equalsIgnoreCase(r.getRawAuthority())
                    && Objects.equals(a.getRawPath(), r.getRawPath())
                    && Objects.equals(a.getRawQuery(), r.getRawQuery());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256, which every JDK must have", e);
        }
    }

    @Override
    public String toString() {
        return "AccessTokens[issuer " + oauth.issuer() + "]";
    }
}
