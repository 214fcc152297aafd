package dev.switchboard.internal.auth;

import java.security.PrivateKey;

/**
 * Who Switchboard is at one authorization server: its client id and how it authenticates at the token endpoint.
 * {@link #toString()} shows neither the secret nor the key.
 *
 * @param method {@code client_secret_basic}, {@code client_secret_post}, {@code none} or {@code private_key_jwt}
 * @param secret the client secret, or null
 * @param key the private key of {@code private_key_jwt}, or null
 * @param algorithm the JWS algorithm of that key, or null
 */
record Client(String id, String method, String secret, PrivateKey key, String algorithm) {
    static final String BASIC = "client_secret_basic";
    static final String POST = "client_secret_post";
    static final String NONE = "none";
    static final String JWT = "private_key_jwt";

    @Override
    public String toString() {
        return "Client[id=" + id + ", method=" + method + "]";
    }
}
