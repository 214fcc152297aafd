package dev.switchboard.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a configuration file (Switchboard's YAML/JSON, Claude Desktop / Cursor / VS Code {@code mcpServers} or
 * {@code servers} JSON, or the legacy {@code mcp_servers} YAML) into a validated {@link SwitchboardConfig}.
 *
 * <p>String values may refer to environment variables as {@code ${VAR}} or {@code ${VAR:-default}}. Settings can
 * be overridden without editing the file, by {@link Builder#override} and by the {@code SWITCHBOARD_SET} environment
 * variable ({@code key=value} pairs separated by {@code ;} or newlines). Every problem is collected and thrown
 * together in one {@link ConfigException}.
 *
 * {@snippet :
 * SwitchboardConfig config = ConfigLoader.builder()
 *         .override("servers.github.enabled", "false")
 *         .build()
 *         .load(Path.of("switchboard.yaml"));
 * }
 */
public final class ConfigLoader {
    private final Map<String, String> environment;
    private final List<String> overrides;

    private ConfigLoader(Builder builder) {
        this.environment = builder.environment;
        this.overrides = List.copyOf(builder.overrides);
    }

    /** A loader that reads the process environment and has no overrides besides {@code SWITCHBOARD_SET}. */
    public static ConfigLoader create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads and validates a file; {@code .json} is read as JSON (comments and trailing commas allowed),
     * {@code .yaml}/{@code .yml} as YAML, anything else by its first character.
     *
     * @throws ConfigException with every problem found, including a missing or unreadable file
     */
    public SwitchboardConfig load(Path file) {
        String source = file.toString();
        byte[] bytes;
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            // Read no more than the limit: the file may be huge, or endless (a device or a pipe).
            bytes = in.readNBytes(Limits.FILE_BYTES + 1);
            if (bytes.length > Limits.FILE_BYTES) {
                throw new LoadRun(source, environment).fail(tooLarge("bytes"));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            throw new LoadRun(source, environment).fail(readFailure(file, e));
        }
        return parse(text, source);
    }

    /**
     * Validates configuration text; {@code sourceName} names it in problems and, by its extension, selects
     * JSON or YAML as for {@link #load}.
     *
     * @throws ConfigException with every problem found
     */
    public SwitchboardConfig parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        if (text.length() > Limits.FILE_BYTES) {
            throw new LoadRun(sourceName, environment).fail(tooLarge("characters"));
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new LoadRun(sourceName, environment).run(body, syntaxOf(sourceName, body), overrides);
    }

    private static TreeReader.Syntax syntaxOf(String name, String text) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return TreeReader.Syntax.YAML;
        }
        boolean json = lower.endsWith(".json") || lower.endsWith(".jsonc") || text.stripLeading().startsWith("{");
        return json ? TreeReader.Syntax.JSON : TreeReader.Syntax.YAML;
    }

    private static String tooLarge(String unit) {
        return "is larger than " + Limits.FILE_BYTES + " " + unit + " (expected: a configuration file of at most"
                + " 2 MiB; is this the right file?)";
    }

    private static String readFailure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file not found (expected: the path of a readable configuration file)";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot be read: permission denied (expected: a file this process may read)";
        }
        if (e instanceof CharacterCodingException) {
            return "is not UTF-8 text (expected: a YAML or JSON file in UTF-8)";
        }
        if (Files.isDirectory(file)) {
            return "is a directory (expected: a configuration file)";
        }
        return "cannot be read: " + e.getClass().getSimpleName() + " (expected: a readable configuration file)";
    }

    /** Configures a {@link ConfigLoader}. */
    public static final class Builder {
        private Map<String, String> environment = System.getenv();
        private final List<String> overrides = new ArrayList<>();

        private Builder() {
        }

        /** The variables {@code ${VAR}} and {@code SWITCHBOARD_SET} are read from; by default the process's. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Sets a key of the configuration, after the file and {@code SWITCHBOARD_SET}; a later override of the same
         * key wins.
         *
         * @param path a dotted path in Switchboard's own format, e.g. {@code servers.api.enabled}, whatever the
         *     file's format
         * @param value read as YAML: {@code false}, {@code 10}, {@code 5s}, {@code [a, b]}; empty or {@code null}
         *     removes the key
         */
        public Builder override(String path, String value) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
            overrides.add(path + "=" + value);
            return this;
        }

        /** Sets a key from a {@code path=value} assignment, as given to the command line's {@code --set}. */
        public Builder override(String assignment) {
            overrides.add(Objects.requireNonNull(assignment, "assignment"));
            return this;
        }

        public ConfigLoader build() {
            return new ConfigLoader(this);
        }
    }
}
