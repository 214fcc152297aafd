package dev.switchboard.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ConfigProblem;
import dev.switchboard.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads Switchboard's configuration from the Spring environment: the {@code switchboard.*} subtree, handed to core's
 * own loader as if it were a file's content, or the file {@code switchboard.config-file} names.
 *
 * <p>Going through core's loader, rather than binding to typed properties, keeps every key, default, validation and
 * error message exactly as in the file format, and keeps {@code ${VAR}} references for core to resolve, so that it
 * knows their values are secrets and masks them.
 */
final class SpringConfigSource {
    static final String PREFIX = "switchboard";
    /** The settings of the starter itself; everything else under {@code switchboard.} is core's. */
    static final String CONFIG_FILE = "config-file";
    static final String FAIL_ON_REQUIRED = "fail-on-required-servers";
    static final Set<String> STARTER_KEYS = Set.of("configfile", "failonrequiredservers", "enabled");
    private static final String SOURCE = "Spring properties switchboard.*";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was read: the configuration and, when it came from a file, that file (so that reload() works). */
    record Loaded(SwitchboardConfig config, Path file, ConfigLoader loader) {
    }

    private SpringConfigSource() {
    }

    static Loaded load(ConfigurableEnvironment environment) {
        // No placeholder resolution: ${VAR} is core's to resolve (and then to mask as a secret).
        Binder raw = new Binder(ConfigurationPropertySources.from(withoutEnvironmentVariables(environment)));
        Map<String, Object> tree = new LinkedHashMap<>(raw.bind(PREFIX, Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of()));
        tree.keySet().removeIf(key -> STARTER_KEYS.contains(canonical(key)));
        ConfigLoader loader = ConfigLoader.create();
        // The file name is an ordinary Spring property: placeholders in it are Spring's.
        String file = Binder.get(environment).bind(PREFIX + "." + CONFIG_FILE, String.class).orElse(null);
        if (file != null && !file.isBlank()) {
            if (!tree.isEmpty()) {
                throw new ConfigException(SOURCE, List.of(new ConfigProblem(PREFIX + "." + CONFIG_FILE,
                        "is set together with " + keys(tree) + " (expected: either switchboard." + CONFIG_FILE
                                + " or the configuration under switchboard.servers, not both)")));
            }
            Path path = Path.of(file.strip());
            return new Loaded(loader.load(path), path, loader);
        }
        return new Loaded(parse(loader, tree), null, null);
    }

    /**
     * The property sources other than environment variables. Core's own variables share the prefix
     * ({@code SWITCHBOARD_SET}, {@code SWITCHBOARD_TOKEN_KEY}) and would be read as the unknown keys
     * {@code switchboard.set} and {@code switchboard.token}; variables reach the configuration as in a file, through
     * {@code ${VAR}} and {@code SWITCHBOARD_SET}.
     */
    private static List<PropertySource<?>> withoutEnvironmentVariables(ConfigurableEnvironment environment) {
        return environment.getPropertySources().stream()
                .filter(source -> !(source instanceof SystemEnvironmentPropertySource)).toList();
    }

    private static SwitchboardConfig parse(ConfigLoader loader, Map<String, Object> tree) {
        String text;
        try {
            text = JSON.writeValueAsString(toCoreTree(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("switchboard.*: cannot hand the properties to the configuration reader", e);
        }
        try {
            return loader.parse(text, SOURCE);
        } catch (ConfigException e) {
            // Name each key as the application wrote it: switchboard.servers.x.url, not servers.x.url.
            throw new ConfigException(SOURCE, e.problems().stream().map(p -> new ConfigProblem(
                    p.path().isEmpty() ? PREFIX : PREFIX + "." + p.path(), p.message())).toList());
        }
    }

    /**
     * The bound properties in the shape of a parsed file. Spring binds a YAML list (or {@code args[0]=...}
     * properties) to a map keyed {@code 0, 1, ...}; a file's reader gives a list.
     */
    static Object toCoreTree(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (!map.isEmpty() && isIndexed(map.keySet())) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < map.size(); i++) {
                    list.add(toCoreTree(map.get(Integer.toString(i))));
                }
                return list;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toCoreTree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SpringConfigSource::toCoreTree).toList();
        }
        return value;
    }

    private static boolean isIndexed(Set<?> keys) {
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.contains(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }

    private static String keys(Map<String, Object> tree) {
        return tree.keySet().stream().map(k -> PREFIX + "." + k).sorted().toList().toString();
    }

    /** Spring's relaxed form of a key: config-file, configFile and config_file are one key. */
    static String canonical(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
