package dev.switchboard.it;

import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.ReferenceServer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stdio server (Node, the TypeScript SDK's low-level server; {@code servers/scripted-resources.cjs}) whose
 * resources paginate, change between reads, are slow or fail, which FakeMcpServer's static resources cannot do.
 */
public final class ScriptedResourceServer {
    private final String name;
    private final Map<String, String> env = new LinkedHashMap<>();
    private ServerOptions options = ServerOptions.builder().connectTimeout(Duration.ofSeconds(30)).build();

    private ScriptedResourceServer(String name) {
        this.name = name;
        env.put("RS_PREFIX", "rs://" + name);
        // The script requires the TypeScript SDK that the pinned reference servers install.
        env.put("NODE_PATH", ReferenceServer.nodeModules().toAbsolutePath().toString());
    }

    public static ScriptedResourceServer named(String name) {
        return new ScriptedResourceServer(name);
    }

    /** {@code count} text resources {@code item-<i>} at {@code rs://<name>/item/<i>}. */
    public ScriptedResourceServer items(int count) {
        return set("RS_COUNT", count);
    }

    /** resources/list answers at most {@code size} per page, with a cursor to the next. */
    public ScriptedResourceServer pageSize(int size) {
        return set("RS_PAGE_SIZE", size);
    }

    /** JSON resources with these names, at {@code rs://<name>/<entity>}. */
    public ScriptedResourceServer entities(String... names) {
        env.put("RS_NAMES", String.join(",", names));
        return this;
    }

    /** A resource {@code counter} whose text is {@code read <n>}, n counting the reads. */
    public ScriptedResourceServer counter() {
        env.put("RS_COUNTER", "1");
        return this;
    }

    /** A text resource {@code big-text} of {@code bytes} ASCII characters. */
    public ScriptedResourceServer bigText(int bytes) {
        return set("RS_TEXT_BYTES", bytes);
    }

    /** A blob resource {@code big-blob} of {@code bytes} bytes 0, 1, 2, ... 255, 0, ... */
    public ScriptedResourceServer bigBlob(int bytes) {
        return set("RS_BLOB_BYTES", bytes);
    }

    /** Every read waits this long before answering. */
    public ScriptedResourceServer readDelay(Duration delay) {
        return set("RS_READ_DELAY_MS", delay.toMillis());
    }

    /** Reading this URI answers a JSON-RPC error. */
    public ScriptedResourceServer failing(String uri) {
        env.put("RS_FAIL_URI", uri);
        return this;
    }

    public ScriptedResourceServer options(ServerOptions newOptions) {
        this.options = newOptions;
        return this;
    }

    public StdioServer config() {
        return StdioServer.builder(name, "node").options(options).args(List.of(script().toString())).env(env)
                .shutdownGrace(Duration.ofMillis(500)).build();
    }

    private ScriptedResourceServer set(String key, long value) {
        env.put(key, Long.toString(value));
        return this;
    }

    private static Path script() {
        try {
            return Path.of(ScriptedResourceServer.class.getResource("/servers/scripted-resources.cjs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
