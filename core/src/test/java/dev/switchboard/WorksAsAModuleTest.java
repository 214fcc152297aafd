package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other tests run on the class path, where a missing {@code requires}, a package not exported or a library that
 * cannot be read as a module goes unnoticed. Here dev.switchboard is resolved as a real module, in a fresh layer, from
 * core's classes and exactly its runtime jars (as Maven lists them, in target/runtime-classpath.txt), and used.
 */
class WorksAsAModuleTest {
    private static final String MODULE = "dev.switchboard";
    private static ModuleLayer layer;

    @BeforeAll
    static void resolveTheModule() throws Exception {
        String listFile = System.getProperty("switchboard.runtimeClasspath");
        assertThat(listFile).as("system property switchboard.runtimeClasspath (set by core/pom.xml)").isNotNull();
        List<Path> modulePath = new ArrayList<>();
        modulePath.add(ExportedApi.classesDirectory());
        Stream.of(Files.readString(Path.of(listFile)).strip().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).forEach(modulePath::add);

        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration()
                .resolve(ModuleFinder.of(modulePath.toArray(Path[]::new)), ModuleFinder.of(), Set.of(MODULE));
        // The platform loader as parent: nothing may come from the test class path, which holds core's classes too.
        layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void exportsExactlyTheApiPackages() {
        ModuleDescriptor descriptor = layer.findModule(MODULE).orElseThrow().getDescriptor();

        assertThat(descriptor.exports()).map(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.switchboard", "dev.switchboard.config", "dev.switchboard.spi")
                .noneMatch(pkg -> pkg.startsWith(MODULE + ".internal"));
        // Not even to a named friend: a qualified export of an internal package would be API in disguise.
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
    }

    @Test
    void loadsAConfigurationThroughTheExportedApi() throws Exception {
        ClassLoader loader = layer.findLoader(MODULE);
        Class<?> configLoader = loader.loadClass("dev.switchboard.config.ConfigLoader");
        assertThat(configLoader.getModule().getLayer()).isSameAs(layer);

        Object builder = configLoader.getMethod("builder").invoke(null);
        builder.getClass().getMethod("environment", Map.class).invoke(builder, Map.of());
        Object configLoaderInstance = builder.getClass().getMethod("build").invoke(builder);
        Object config = configLoader.getMethod("parse", String.class, String.class).invoke(configLoaderInstance, """
                servers:
                  files:
                    command: mcp-files
                    args: [--root, /srv]
                """, "module-test.yaml");

        Class<?> switchboardConfig = loader.loadClass("dev.switchboard.config.SwitchboardConfig");
        Class<?> serverConfig = loader.loadClass("dev.switchboard.config.ServerConfig");
        List<?> servers = (List<?>) switchboardConfig.getMethod("servers").invoke(config);
        assertThat(servers).hasSize(1);
        assertThat(serverConfig.getMethod("name").invoke(servers.get(0))).isEqualTo("files");
    }
}
