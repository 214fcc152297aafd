package dev.switchboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The exported API as the build produced it: the packages the real module descriptor exports to everyone, and every
 * class compiled into them (nested types included), read from core's classes directory rather than from a list kept
 * by hand, so that a new class or a new export is checked without anyone remembering to add it.
 */
record ExportedApi(Set<String> packages, List<Class<?>> classes) {

    static ExportedApi ofCore() {
        Path classesDir = classesDirectory();
        ModuleDescriptor descriptor = descriptor(classesDir.resolve("module-info.class"));
        Set<String> packages = descriptor.exports().stream()
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toUnmodifiableSet());
        List<Class<?>> classes = packages.stream()
                .flatMap(pkg -> classFiles(classesDir, pkg))
                .sorted()
                .<Class<?>>map(ExportedApi::load)
                .toList();
        return new ExportedApi(packages, classes);
    }

    /** The directory Switchboard.class was loaded from: core/target/classes in a build. */
    static Path classesDirectory() {
        try {
            return Path.of(Switchboard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ModuleDescriptor descriptor(Path moduleInfo) {
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            return ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types a user can name: public ones, and public or protected ones nested in those. */
    List<Class<?>> reachableTypes() {
        return classes.stream().filter(SignatureLeakChecker::isReachable).toList();
    }

    /** Whether {@code type} is a type of this API (as opposed to, say, a package-private class beside it). */
    boolean contains(Class<?> type) {
        return packages.contains(type.getPackageName()) && SignatureLeakChecker.isReachable(type);
    }

    private static Stream<String> classFiles(Path classesDir, String pkg) {
        Path dir = classesDir.resolve(pkg.replace('.', '/'));
        // Only the package's own directory: a subpackage is another package, exported or not.
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
                    .map(name -> pkg + "." + name.substring(0, name.length() - ".class".length()))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ExportedApi.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
