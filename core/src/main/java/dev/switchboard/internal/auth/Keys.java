package dev.switchboard.internal.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads the PKCS#8 PEM private key of {@code private_key_jwt} and the JWS algorithm that goes with it. */
final class Keys {
    private Keys() {
    }

    /** An EC or RSA key; the message of a failure never quotes the key. */
    static PrivateKey parse(String pem) throws AuthFailure {
        if (pem.contains("BEGIN EC PRIVATE KEY") || pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new AuthFailure("reading auth.private_key", "it is a PKCS#1/SEC1 key; convert it to PKCS#8"
                    + " (openssl pkcs8 -topk8 -nocrypt -in key.pem)");
        }
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new AuthFailure("reading auth.private_key", "it is not base64 PEM (expected: a PKCS#8 PEM key)");
        }
        for (String type : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not a key of this type: try the next
            }
        }
        throw new AuthFailure("reading auth.private_key", "it is neither an EC nor an RSA PKCS#8 key");
    }

    /** The configured algorithm, else ES256/384/512 for an EC key of that size, RS256 for RSA. */
    static String algorithm(PrivateKey key, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "ES256" : bits <= 384 ? "ES384" : "ES512";
        }
        return "RS256";
    }
}
