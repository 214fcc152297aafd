package dev.switchboard.gateway;

import dev.switchboard.config.GatewayTls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The gateway's TLS: Jetty's {@link SslContextFactory.Server} with the configured PKCS#12 file, or with a key store
 * made in memory from PEM files (read with the JDK alone: a certificate chain, and a PKCS#8 private key, plain or
 * encrypted). Each failure says which file and what to do.
 */
final class Tls {
    private static final Pattern PEM_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----([^-]*)"
            + "-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private Tls() {
    }

    static SslContextFactory.Server factory(GatewayTls tls) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        if (tls.pkcs12() != null) {
            factory.setKeyStorePath(tls.pkcs12().toString());
            factory.setKeyStoreType("PKCS12");
            factory.setKeyStorePassword(tls.password());
        } else {
            char[] storePassword = new char[0];
            factory.setKeyStore(pemKeyStore(tls, storePassword));
            factory.setKeyStorePassword("");
        }
        return factory;
    }

    private static KeyStore pemKeyStore(GatewayTls tls, char[] storePassword) {
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(tls.certificate())) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("gateway.tls.cert: " + tls.certificate() + " is not a PEM certificate"
                    + " chain (" + e.getMessage() + "); expected -----BEGIN CERTIFICATE----- blocks", e);
        }
        if (chain.length == 0) {
            throw new IllegalArgumentException("gateway.tls.cert: " + tls.certificate() + " holds no certificate"
                    + " (expected: -----BEGIN CERTIFICATE----- blocks, the server's first)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gateway", privateKey(tls), storePassword, chain);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("gateway.tls: cannot hold the key in a key store: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(GatewayTls tls) {
        String text;
        try {
            text = Files.readString(tls.key(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("gateway.tls.key: cannot read " + tls.key() + ": " + e.getMessage(), e);
        }
        Matcher m = PEM_KEY.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("gateway.tls.key: " + tls.key() + " holds no PEM private key"
                    + " (expected: -----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        try {
            PKCS8EncodedKeySpec spec = switch (m.group(1)) {
                case "PRIVATE KEY" -> new PKCS8EncodedKeySpec(der);
                case "ENCRYPTED PRIVATE KEY" -> decrypt(tls, der);
                default -> throw new IllegalArgumentException("gateway.tls.key: " + tls.key() + " is a "
                        + m.group(1) + " (PKCS#1 or SEC1), which the JDK does not read (expected: PKCS#8; convert it"
                        + " with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem)");
            };
            return keyOf(spec, tls);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("gateway.tls.key: " + tls.key() + " cannot be read: " + e.getMessage()
                    + " (is gateway.tls.password right?)", e);
        }
    }

    private static PKCS8EncodedKeySpec decrypt(GatewayTls tls, byte[] der) throws GeneralSecurityException,
            IOException {
        if (tls.password() == null) {
            throw new IllegalArgumentException("gateway.tls.key: " + tls.key() + " is encrypted (expected:"
                    + " gateway.tls.password, e.g. ${TLS_KEY_PASSWORD})");
        }
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        var key = SecretKeyFactory.getInstance(info.getAlgName())
                .generateSecret(new PBEKeySpec(tls.password().toCharArray()));
        return info.getKeySpec(key);
    }

    private static PrivateKey keyOf(PKCS8EncodedKeySpec spec, GatewayTls tls) throws GeneralSecurityException {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next one
            }
        }
        throw new InvalidKeySpecException("not an RSA, EC or EdDSA private key in " + tls.key());
    }
}
