package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shortcuts for the configuration tests: load text or a fixture with a given environment, collect problems. */
final class Configs {
    private Configs() {
    }

    static SwitchboardConfig yaml(String text) {
        return yaml(text, Map.of());
    }

    static SwitchboardConfig yaml(String text, Map<String, String> env) {
        return ConfigLoader.builder().environment(env).build().parse(text, "test.yaml");
    }

    static SwitchboardConfig json(String text, Map<String, String> env) {
        return ConfigLoader.builder().environment(env).build().parse(text, "test.json");
    }

    static SwitchboardConfig fixture(String name, Map<String, String> env) {
        return ConfigLoader.builder().environment(env).build().load(fixturePath(name));
    }

    static Path fixturePath(String name) {
        try {
            return Path.of(Configs.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    /** The exception loading this YAML throws. */
    static ConfigException failure(String yaml) {
        return failure(() -> yaml(yaml));
    }

    static ConfigException failure(Runnable load) {
        ConfigException[] caught = new ConfigException[1];
        assertThatThrownBy(load::run).isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
        return caught[0];
    }

    /** The problems loading this YAML reports, each as "path: message". */
    static List<String> problems(String yaml) {
        return failure(yaml).problems().stream().map(ConfigProblem::toString).toList();
    }

    static StdioServer stdio(SwitchboardConfig config, String name) {
        return (StdioServer) config.server(name).orElseThrow();
    }

    static HttpServer http(SwitchboardConfig config, String name) {
        return (HttpServer) config.server(name).orElseThrow();
    }
}
