package dev.switchboard.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of each server in a file of their own, encrypted at rest with AES-256-GCM, so that a restart refreshes
 * them instead of asking a person again. The key is {@code SWITCHBOARD_TOKEN_KEY} (32 bytes, base64) when set, else
 * {@code token.key} in the directory, made on first use and readable by its owner only. A file is bound to its
 * server's name and URL (the GCM associated data): moved to another server, it does not decrypt.
 */
public final class TokenStore {
    /** The environment variable that holds the key, base64. */
    public static final String KEY_VARIABLE = "SWITCHBOARD_TOKEN_KEY";
    private static final String PREFIX = "sbtok1.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    /** Where {@code token.key} is: the store's own directory, or its parent's for a user's view. */
    private final Path keyDirectory;
    private final String keyFromEnvironment;
    /** The user whose grants this view keeps, or null for the servers' own tokens. */
    private final String user;

    /** @param environment where {@link #KEY_VARIABLE} is looked up */
    public TokenStore(Path directory, Map<String, String> environment) {
        this(directory, directory, environment.get(KEY_VARIABLE), null);
    }

    private TokenStore(Path directory, Path keyDirectory, String keyFromEnvironment, String user) {
        this.directory = directory;
        this.keyDirectory = keyDirectory;
        this.keyFromEnvironment = keyFromEnvironment;
        this.user = user;
    }

    /**
     * The tokens of one user ({@code credentials: per_user}): files of their own under {@code users/}, with the
     * same key, each bound to the user too, so that one user's file moved to another's place does not decrypt.
     */
    public TokenStore forUser(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        String hash;
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            hash = java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        // The hash keeps two ids apart that the file system's alphabet would make one ("a/b" and "a_b").
        return new TokenStore(directory.resolve("users").resolve(safe + "-" + hash), keyDirectory,
                keyFromEnvironment, id);
    }

    /** What is kept of one server's authorization: its tokens and what refreshing them needs. */
    record Entry(Tokens tokens, ServerMetadata server, URI resource, Client client) {
    }

    /** The entry of {@code server}, or empty when there is none. */
    Optional<Entry> load(String server, URI url) throws IOException, GeneralSecurityException {
        Path file = file(server);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!text.startsWith(PREFIX)) {
            throw new IOException("not a Switchboard token file");
        }
        byte[] sealed = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(boundTo(user == null ? server : server + "\n" + user, url));
        byte[] plain = cipher.doFinal(sealed, 12, sealed.length - 12);
        return Optional.of(StoredEntry.fromJson(JSON.readValue(plain, Map.class)));
    }

    void save(String server, URI url, Entry entry) throws IOException, GeneralSecurityException {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(boundTo(user == null ? server : server + "\n" + user, url));
        byte[] ct = cipher.doFinal(JSON.writeValueAsBytes(StoredEntry.toJson(entry)));
        byte[] sealed = new byte[iv.length + ct.length];
        System.arraycopy(iv, 0, sealed, 0, iv.length);
        System.arraycopy(ct, 0, sealed, iv.length, ct.length);
        writePrivately(file(server), (PREFIX + Base64.getEncoder().encodeToString(sealed)).getBytes(
                StandardCharsets.US_ASCII));
    }

    /** What is kept, without the secrets: for a status display. */
    public record Summary(Instant expiresAt, boolean refreshable, List<String> scopes, String issuer) {
    }

    /** The summary of {@code server}'s entry; IOException when it cannot be read or decrypted. */
    public Optional<Summary> summary(String server, URI url) throws IOException {
        try {
            return load(server, url).map(e -> new Summary(e.tokens().expiresAt(), e.tokens().refreshToken() != null,
                    e.tokens().requestedScopes(), e.server().issuer()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("the tokens of '" + server + "' cannot be decrypted (another key, or damaged): "
                    + e.getClass().getSimpleName());
        }
    }

    /** Forgets {@code server}'s tokens; true when there were any. */
    public boolean delete(String server) throws IOException {
        return Files.deleteIfExists(file(server));
    }

    /** Whether tokens of {@code server} are kept. */
    public boolean has(String server) {
        return Files.exists(file(server));
    }

    private Path file(String server) {
        return directory.resolve(server.replaceAll("[^A-Za-z0-9._-]", "_") + ".token");
    }

    private static byte[] boundTo(String server, URI url) {
        return (server + "\n" + url).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] key() throws IOException {
        if (keyFromEnvironment != null && !keyFromEnvironment.isBlank()) {
            return checked(Base64.getDecoder().decode(keyFromEnvironment.trim()), KEY_VARIABLE);
        }
        Path file = keyDirectory.resolve("token.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            writePrivately(file, Base64.getEncoder().encode(key));
        }
        return checked(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()),
                file.toString());
    }

    private static byte[] checked(byte[] key, String where) throws IOException {
        if (key.length != 32) {
            throw new IOException("the key in " + where + " is " + key.length + " bytes (expected: 32, base64)");
        }
        return key;
    }

    /** Written whole or not at all, and readable by its owner only (where the file system has POSIX modes). */
    private void writePrivately(Path file, byte[] content) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        Path tmp = posix ? Files.createTempFile(directory, ".tok", ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))) : Files.createTempFile(directory, ".tok", ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The JSON shape of an entry, kept apart from the records so that they stay free of persistence. */
    private static final class StoredEntry {
        static Map<String, Object> toJson(Entry e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("access_token", e.tokens().accessToken());
            m.put("refresh_token", e.tokens().refreshToken());
            m.put("expires_at", e.tokens().expiresAt() == null ? null : e.tokens().expiresAt().toString());
            m.put("issued_at", e.tokens().issuedAt().toString());
            m.put("scopes", e.tokens().requestedScopes());
            m.put("issuer", e.server().issuer());
            m.put("token_endpoint", e.server().tokenEndpoint().toString());
            m.put("auth_methods", e.server().authMethods());
            m.put("resource", e.resource().toString());
            if (e.client() != null) {
                m.put("client_id", e.client().id());
                m.put("client_method", e.client().method());
                m.put("client_secret", e.client().secret());
            }
            return m;
        }

        static Entry fromJson(Map<?, ?> m) {
            var tokens = new Tokens((String) m.get("access_token"), (String) m.get("refresh_token"),
                    m.get("expires_at") == null ? null : Instant.parse((String) m.get("expires_at")),
                    ServerMetadata.strings(m.get("scopes")), Instant.parse((String) m.get("issued_at")));
            var server = new ServerMetadata((String) m.get("issuer"), null,
                    URI.create((String) m.get("token_endpoint")), null, List.of(),
                    ServerMetadata.strings(m.get("auth_methods")), List.of(), false, List.of());
            Client client = m.get("client_id") == null ? null : new Client((String) m.get("client_id"),
                    (String) m.get("client_method"), (String) m.get("client_secret"), null, null);
            return new Entry(tokens, server, URI.create((String) m.get("resource")), client);
        }
    }
}
