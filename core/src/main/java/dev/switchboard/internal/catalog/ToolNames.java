package dev.switchboard.internal.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Qualified tool names ({@code server__tool}) that every MCP client accepts: {@code ^[a-zA-Z0-9_-]{1,64}$}.
 *
 * <p>A name that is valid as written is kept. Otherwise invalid characters become {@code _}, and because that (or
 * cutting a long name) can make two tools look alike, the name gets a readable prefix, {@code -}, and 6 hex digits of
 * the SHA-256 of the original: {@code github__search.issues} becomes {@code github__search_issues-ccd78b}. A name
 * that is too long loses the end of its server part first, so that the tool's own name stays readable. The same
 * tool always gets the same name; {@link #assign} guarantees that no two tools of one catalog share one.
 */
final class ToolNames {
    static final int MAX_LENGTH = 64;
    static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern INVALID_CHAR = Pattern.compile("[^a-zA-Z0-9_-]");
    private static final int HASH_HEX = 6;
    /** What is left of a long server name when the tool's name needs the room: enough to tell servers apart. */
    private static final int MIN_SERVER_CHARS = 16;

    /** One tool to name: its server and its own name. */
    record Key(String server, String tool) {
    }

    private ToolNames() {
    }

    /** The qualified name of one tool, on its own (without the catalog-wide uniqueness pass). */
    static String qualify(String server, String separator, String tool) {
        String original = server + separator + tool;
        if (VALID.matcher(original).matches()) {
            return original;
        }
        return shortened(server, separator, tool, 0);
    }

    /**
     * Names every tool, in the given order, so that no two share a name. A clash (a hash collision, or a tool whose
     * real name looks like another's shortened one) is settled in favour of the name kept as written, then of the
     * earlier tool; the other gets a hash salted with a counter. Depends only on the set of tools, not on timing.
     */
    static Map<Key, String> assign(List<Key> keys, String separator) {
        Map<Key, String> names = new LinkedHashMap<>();
        Map<String, List<Key>> byName = new TreeMap<>();
        for (Key k : keys) {
            String name = qualify(k.server(), separator, k.tool());
            names.put(k, name);
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(k);
        }
        Set<String> taken = new HashSet<>(byName.keySet());
        for (Map.Entry<String, List<Key>> clash : byName.entrySet()) {
            if (clash.getValue().size() < 2) {
                continue;
            }
            List<Key> sorted = new ArrayList<>(clash.getValue());
            sorted.sort(Comparator.comparing((Key k) -> !(k.server() + separator + k.tool()).equals(clash.getKey()))
                    .thenComparing(Key::server).thenComparing(Key::tool));
            for (Key k : sorted.subList(1, sorted.size())) {
                String name;
                int salt = 1;
                do {
                    name = shortened(k.server(), separator, k.tool(), salt++);
                } while (!taken.add(name));
                names.put(k, name);
            }
        }
        return names;
    }

    /**
     * A valid name for {@code server + separator + tool}: sanitised, cut to fit (the server part first, down to
     * {@link #MIN_SERVER_CHARS}; then the tool's), then {@code -} and a short hash of the original.
     */
    static String shortened(String server, String separator, String tool, int salt) {
        String original = server + separator + tool;
        String hash = hash(salt == 0 ? original : original + '\u0000' + salt);
        String cleanServer = INVALID_CHAR.matcher(server).replaceAll("_");
        String cleanTool = INVALID_CHAR.matcher(tool).replaceAll("_");
        int room = MAX_LENGTH - HASH_HEX - 1 - separator.length();
        int serverChars = Math.min(cleanServer.length(), Math.max(MIN_SERVER_CHARS, room - cleanTool.length()));
        int toolChars = Math.min(cleanTool.length(), room - serverChars);
        return cleanServer.substring(0, serverChars) + separator + cleanTool.substring(0, toolChars) + "-" + hash;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; hex.length() < HASH_HEX; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
