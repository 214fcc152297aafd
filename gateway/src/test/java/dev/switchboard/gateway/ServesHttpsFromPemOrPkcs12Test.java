package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.GatewayTls;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code gateway.tls}, the gateway serves HTTPS: a real TLS handshake on loopback, with a certificate made for
 * the test by the JDK's keytool, from a PKCS#12 file or from PEM files (the key plain or encrypted); clients that
 * trust the certificate connect (the MCP Java SDK client too), and plain HTTP gets no answer.
 */
class ServesHttpsFromPemOrPkcs12Test {
    private static final String PASSWORD = "test-store-pass";

    @TempDir
    static Path dir;
    private static Path pkcs12;
    private static Certificate certificate;

    @BeforeAll
    static void makeACertificate() throws Exception {
        pkcs12 = dir.resolve("gateway.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore",
                pkcs12.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        certificate = load(pkcs12).getCertificate("gateway");
    }

    @Test
    void servesHttpsWithAPkcs12File() throws Exception {
        try (Guarded gateway = Guarded.start(b -> b.tls(GatewayTls.pkcs12(pkcs12, PASSWORD)))) {
            assertThat(gateway.url().toString()).startsWith("https://127.0.0.1:");
            assertHandshakeAndToken(gateway.url());
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    gateway.url().toString().replace("https:", "http:"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void servesHttpsWithPemFiles() throws Exception {
        KeyStore store = load(pkcs12);
        Path cert = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path key = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY",
                store.getKey("gateway", PASSWORD.toCharArray()).getEncoded())); // PKCS#8, as openssl writes it

        try (Guarded gateway = Guarded.start(b -> b.tls(GatewayTls.pem(cert, key, null)))) {
            assertHandshakeAndToken(gateway.url());
            McpSyncClient client = sdkClient(gateway.url(), Guarded.GITHUB_ONLY.token());
            try {
                assertThat(client.listTools().tools()).hasSize(2);
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void readsAnEncryptedPemKeyWithItsPasswordAndSaysHowToConvertAPkcs1Key() throws Exception {
        Path cert = Files.writeString(dir.resolve("chain.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        byte[] pkcs8 = load(pkcs12).getKey("gateway", PASSWORD.toCharArray()).getEncoded();
        Path encrypted = Files.writeString(dir.resolve("encrypted.pem"), pem("ENCRYPTED PRIVATE KEY",
                encrypt(pkcs8, "key-pass-1")));
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));

        try (Guarded gateway = Guarded.start(b -> b.tls(GatewayTls.pem(cert, encrypted, "key-pass-1")))) {
            assertHandshakeAndToken(gateway.url());
        }
        assertThatThrownBy(() -> Tls.factory(GatewayTls.pem(cert, pkcs1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a RSA PRIVATE KEY (PKCS#1 or"
                        + " SEC1), which the JDK does not read (expected: PKCS#8; convert it with: openssl pkcs8"
                        + " -topk8 -nocrypt -in key.pem -out key-pkcs8.pem)");
        assertThatThrownBy(() -> Tls.factory(GatewayTls.pem(cert, encrypted, null)))
                .hasMessageContaining("is encrypted (expected: gateway.tls.password");
    }

    /** A PKCS#8 key encrypted as {@code openssl pkcs8 -topk8} does by default (PBES2, AES-256). */
    private static byte[] encrypt(byte[] pkcs8, String password) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        var key = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray()));
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(new byte[16], 10_000,
                new IvParameterSpec(new byte[16])));
        AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2"); // the name the DER form carries
        pbes2.init(cipher.getParameters().getEncoded());
        return new EncryptedPrivateKeyInfo(pbes2, cipher.doFinal(pkcs8)).getEncoded();
    }

    private static void assertHandshakeAndToken(URI url) throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting()).build();
        HttpRequest.Builder init = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(RawClient.initializeBody("2025-11-25")));

        HttpResponse<String> without = https.send(init.copy().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> with = https.send(init.header("Authorization", "Bearer " + Guarded.ADMIN.token())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLSv1."));
        assertThat(with.body()).contains("\"serverInfo\"");
    }

    private static McpSyncClient sdkClient(URI url, String token) throws Exception {
        SSLContext tls = trusting();
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath()).customizeClient(b -> b.sslContext(tls))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    /** A TLS context that trusts the test's certificate alone. */
    private static SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
