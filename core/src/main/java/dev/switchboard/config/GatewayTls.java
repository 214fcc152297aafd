package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.nio.file.Path;

/**
 * The gateway's TLS certificate and key: either a PEM certificate chain and a PEM private key (PKCS#8, optionally
 * encrypted), or one PKCS#12 file. The password is a secret: never printed.
 *
 * @param certificate the PEM certificate chain (the server's certificate first), or null with {@code pkcs12}
 * @param key the PEM private key, or null with {@code pkcs12}
 * @param pkcs12 the PKCS#12 key store, or null with PEM files
 * @param password the PKCS#12 file's password, or the PEM key's when it is encrypted; null for none
 */
public record GatewayTls(Path certificate, Path key, Path pkcs12, String password) {
    public GatewayTls {
        Check.argument(pkcs12 != null ? certificate == null && key == null : certificate != null && key != null,
                "gateway.tls: expected either cert and key (PEM files) or pkcs12 (one file), not both");
    }

    /** A certificate chain and its private key, in PEM files; {@code password} for an encrypted key, else null. */
    public static GatewayTls pem(Path certificate, Path key, String password) {
        return new GatewayTls(certificate, key, null, password);
    }

    /** A PKCS#12 key store holding the certificate chain and its key. */
    public static GatewayTls pkcs12(Path file, String password) {
        return new GatewayTls(null, null, file, password);
    }

    /** Names the files, never the password. */
    @Override
    public String toString() {
        String files = pkcs12 != null ? "pkcs12=" + pkcs12 : "cert=" + certificate + ", key=" + key;
        return "GatewayTls[" + files + (password == null ? "" : ", password=" + Secrets.MASK) + "]";
    }
}
