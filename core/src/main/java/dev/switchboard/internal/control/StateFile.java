package dev.switchboard.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ServerConfig;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime overrides of an operator (servers disabled, or enabled against the configuration), kept in a small
 * JSON file ({@code {"disabled":["a"],"enabled":["b"]}}) so that they survive a restart. The file is replaced
 * atomically (written beside it, then moved over it). Without a path the overrides live in memory only.
 */
final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> disabled = new TreeSet<>();
    private final Set<String> enabled = new TreeSet<>();

    private StateFile(Path path) {
        this.path = path;
    }

    /**
     * Reads the overrides at {@code path} (none when the file does not exist yet, or {@code path} is null).
     *
     * @throws SwitchboardException CONFIG_INVALID when the file cannot be read or is not such a document
     */
    static StateFile load(Path path) {
        StateFile f = new StateFile(path);
        if (path == null) {
            return f;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(path));
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            read(root.path("disabled"), f.disabled);
            read(root.path("enabled"), f.enabled);
        } catch (NoSuchFileException e) {
            return f;
        } catch (IOException | RuntimeException e) {
            throw new SwitchboardException(ErrorCode.CONFIG_INVALID, null, null, "state file " + path
                    + " cannot be read: " + e.getMessage() + " (expected: {\"disabled\": [\"server\", ...]}; fix or"
                    + " delete it)", e);
        }
        return f;
    }

    private static void read(JsonNode list, Set<String> into) throws IOException {
        if (list.isMissingNode()) {
            return;
        }
        if (!list.isArray()) {
            throw new IOException("disabled and enabled must be lists of server names");
        }
        for (JsonNode n : list) {
            into.add(n.asText());
        }
    }

    /** The server as it runs: its configuration with the operator's override of {@code enabled}, if any. */
    ServerConfig effective(ServerConfig declared) {
        lock.lock();
        try {
            if (disabled.contains(declared.name())) {
                return declared.withOptions(declared.options().withEnabled(false));
            }
            if (enabled.contains(declared.name())) {
                return declared.withOptions(declared.options().withEnabled(true));
            }
            return declared;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Why a server is disabled, when an operator disabled it at runtime and the configuration did not; else null.
     */
    String disabledAtRuntime(ServerConfig declared) {
        lock.lock();
        try {
            if (!declared.options().enabled() || !disabled.contains(declared.name())) {
                return null;
            }
        } finally {
            lock.unlock();
        }
        return "disabled at runtime (" + (path == null ? "kept in memory: no orchestration.state_file"
                : "state file " + path) + "); enable it again to use it";
    }

    /** Records that an operator enabled ({@code on}) or disabled a server, and saves the file. */
    void set(ServerConfig declared, boolean on) {
        lock.lock();
        try {
            String name = declared.name();
            disabled.remove(name);
            enabled.remove(name);
            if (!on) {
                disabled.add(name);
            } else if (!declared.options().enabled()) {
                enabled.add(name);
            }
            save();
        } finally {
            lock.unlock();
        }
    }

    Set<String> disabled() {
        lock.lock();
        try {
            return Set.copyOf(disabled);
        } finally {
            lock.unlock();
        }
    }

    private void save() {
        if (path == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        disabled.forEach(root.putArray("disabled")::add);
        enabled.forEach(root.putArray("enabled")::add);
        Path dir = path.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SwitchboardException(ErrorCode.INTERNAL, null, null, "cannot write state file " + path + ": "
                    + e.getMessage() + " (the override applies until Switchboard stops; check the path and its"
                    + " permissions)", e);
        }
    }
}
