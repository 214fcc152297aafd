package dev.switchboard.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The stored form of a gateway access token, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}: PBKDF2-HMAC-SHA256 of
 * the token with a random salt of its own (salt and hash in unpadded base64url). The configuration holds only this,
 * never the token: whoever reads the file cannot call the gateway with it.
 *
 * <p>A token made by {@link #newToken()} is {@code sbt_<salt>.<secret>}: it carries its hash's salt, which is not
 * secret, so that the gateway finds the one hash to check without trying every configured one (the
 * selector/verifier pattern). A request therefore costs at most one PBKDF2, whether the token is right or wrong.
 *
 * <p>Why PBKDF2 from the JDK: it needs no dependency, is FIPS-approved, and its cost is a parameter kept in the
 * string, so hashes made today stay valid when the default grows. Tokens are 256 random bits, so the slow hash is
 * defence in depth for a leaked file; the gateway pays it once per token, then caches the result.
 */
public final class TokenHash {
    /** What {@link #newToken()} uses: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;
    /** The fewest iterations accepted in a configuration: fewer would make a leaked hash cheap to attack. */
    public static final int MIN_ITERATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final String PREFIX = "sbt_";
    private static final String ALGORITHM = "pbkdf2-sha256";
    private static final String EXPECTED = "pbkdf2-sha256$<iterations>$<salt>$<hash>, as printed by switchboard"
            + " token create";
    private static final Pattern ENCODED = Pattern.compile("pbkdf2-sha256\\$(\\d{1,9})\\$([A-Za-z0-9_-]{22})"
            + "\\$([A-Za-z0-9_-]{43})");
    private static final Pattern TOKEN = Pattern.compile("sbt_([A-Za-z0-9_-]{22})\\.[A-Za-z0-9_-]{43}");
    private static final Pattern TOKEN_IN_TEXT = Pattern.compile("sbt_[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A new token and its hash: the token is shown once to its owner, the hash goes into the configuration. */
    public record NewToken(String token, TokenHash hash) {
        /** Says what it is, never the token. */
        @Override
        public String toString() {
            return "NewToken[hash=" + hash + "]";
        }
    }

    private final int iterations;
    private final String salt;
    private final byte[] hash;

    private TokenHash(int iterations, String salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Reads a stored hash.
     *
     * @throws IllegalArgumentException saying what is wrong and what was expected (never quoting the text)
     */
    public static TokenHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        Matcher m = ENCODED.matcher(encoded.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a token hash (expected: " + EXPECTED + ")");
        }
        int iterations = Integer.parseInt(m.group(1));
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("has " + iterations + " iterations (expected: " + MIN_ITERATIONS
                    + " to " + MAX_ITERATIONS + "; switchboard token create uses " + ITERATIONS + ")");
        }
        return new TokenHash(iterations, m.group(2), Base64.getUrlDecoder().decode(m.group(3)));
    }

    /** A new random token (256 bits of secret) and its hash with {@link #ITERATIONS}. */
    public static NewToken newToken() {
        return newToken(ITERATIONS);
    }

    /** A new token whose hash uses this many iterations (fewer than the default only to make tests fast). */
    public static NewToken newToken(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations: " + iterations + " (expected: " + MIN_ITERATIONS + " to "
                    + MAX_ITERATIONS + ")");
        }
        SecureRandom random = new SecureRandom();
        String salt = ENCODER.encodeToString(random(random, 16));
        String token = PREFIX + salt + "." + ENCODER.encodeToString(random(random, 32));
        return new NewToken(token, new TokenHash(iterations, salt, pbkdf2(token, salt, iterations)));
    }

    /**
     * The salt a token names, by which the gateway finds its hash ({@link #selector()}); null when the text is not
     * a token of this form.
     */
    public static String selectorOf(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        return m != null && m.matches() ? m.group(1) : null;
    }

    /**
     * The text with every gateway access token in it replaced by {@link Secrets#MASK}: tokens announce themselves
     * ({@code sbt_<salt>.<secret>}), so they are masked even where nobody knows them.
     */
    static String maskTokensIn(String text) {
        return text.contains(PREFIX) ? TOKEN_IN_TEXT.matcher(text).replaceAll(Secrets.MASK) : text;
    }

    /** The salt: what a token made with this hash names to be checked against it. */
    public String selector() {
        return salt;
    }

    public int iterations() {
        return iterations;
    }

    /** Whether {@code token} is the token of this hash; slow by design, and constant-time in its comparison. */
    public boolean matches(String token) {
        Objects.requireNonNull(token, "token");
        return MessageDigest.isEqual(hash, pbkdf2(token, salt, iterations));
    }

    /** The stored form, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}. */
    public String encoded() {
        return ALGORITHM + "$" + iterations + "$" + salt + "$" + ENCODER.encodeToString(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenHash t && t.iterations == iterations && t.salt.equals(salt)
                && MessageDigest.isEqual(t.hash, hash);
    }

    @Override
    public int hashCode() {
        return salt.hashCode();
    }

    /** Says what kind of hash it is, never the hash: it belongs in the configuration file only. */
    @Override
    public String toString() {
        return "TokenHash[" + ALGORITHM + ", " + iterations + " iterations]";
    }

    private static byte[] pbkdf2(String token, String salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt.getBytes(StandardCharsets.US_ASCII), iterations,
                256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256, which every JDK must have", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] random(SecureRandom random, int bytes) {
        byte[] out = new byte[bytes];
        random.nextBytes(out);
        return out;
    }
}
