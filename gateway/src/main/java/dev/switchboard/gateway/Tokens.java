package dev.switchboard.gateway;

import dev.switchboard.config.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which configured token a presented bearer token is. A token names its hash's salt (see {@link TokenHash}), so one
 * PBKDF2 decides; a token that names no configured hash (or is no token of ours) is checked against a stand-in hash
 * of the same cost, so that the time of a refusal does not tell which part was wrong.
 *
 * <p>PBKDF2 is slow on purpose, so a verified token is remembered under an HMAC of it with a random key of this
 * gateway: the gateway never keeps a token, and a request with a known token costs one HMAC. Wrong tokens are never
 * remembered, and at most a few PBKDF2s run at once, so a flood of wrong tokens cannot take every core.
 */
final class Tokens {
    /** Thrown when too many tokens are being checked at once: the client gets 503 and tries again. */
    static final class Busy extends Exception {
        Busy() {
            super("too many new tokens are being checked at once", null, false, false);
        }
    }

    private static final int REMEMBERED_MAX = 10_000;

    private final Map<String, TokenCaller> bySelector;
    private final TokenHash standIn;
    private final Mac prototype;
    private final Map<String, TokenCaller> verified = new ConcurrentHashMap<>();
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    Tokens(List<TokenCaller> callers) {
        this.bySelector = bySelector(callers);
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        int iterations = callers.stream().mapToInt(c -> c.token().hash().iterations()).max()
                .orElse(TokenHash.ITERATIONS);
        this.standIn = TokenHash.parse("pbkdf2-sha256$" + iterations + "$"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(salt) + "$" + "A".repeat(43));
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256, which every JDK must have", e);
        }
    }

    private Tokens(List<TokenCaller> callers, Tokens before) {
        this.bySelector = bySelector(callers);
        this.standIn = before.standIn;
        this.prototype = before.prototype;
        before.verified.forEach((digest, caller) -> {
            if (callers.contains(caller)) {
                verified.put(digest, caller); // a token kept by a reload is not hashed again
            }
        });
    }

    /** The same check for the callers of a reloaded configuration; those it keeps stay verified. */
    Tokens reloaded(List<TokenCaller> callers) {
        return new Tokens(callers, this);
    }

    private static Map<String, TokenCaller> bySelector(List<TokenCaller> callers) {
        return callers.stream().collect(Collectors.toUnmodifiableMap(c -> c.token().hash().selector(),
                Function.identity()));
    }

    /** The caller whose token this is, or null when it is none of the configured ones. */
    TokenCaller check(String token) throws Busy {
        String digest = digest(token);
        TokenCaller known = verified.get(digest); // an unguessable key: the lookup's timing reveals nothing
        if (known != null) {
            return known;
        }
        String selector = TokenHash.selectorOf(token);
        TokenCaller candidate = selector == null ? null : bySelector.get(selector);
        TokenHash hash = candidate != null ? candidate.token().hash() : standIn;
        boolean matches;
        try {
            if (!hashing.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            matches = hash.matches(token);
        } finally {
            hashing.release();
        }
        if (!matches || candidate == null) {
            return null;
        }
        if (verified.size() >= REMEMBERED_MAX) {
            verified.clear(); // many distinct valid tokens: start over rather than grow without bound
        }
        verified.put(digest, candidate);
        return candidate;
    }

    private String digest(String token) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
        return Base64.getEncoder().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }
}
