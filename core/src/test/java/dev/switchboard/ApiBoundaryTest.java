package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.spi.Sleeper;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The public API is what the module exports, and nothing it exports may mention a type the user should not depend on:
 * Reactor or reactive streams, the SDK's client/server/transport/json machinery, resilience4j, Jackson, networknt,
 * or our own internal or package-private types. Such a type would tie every user to a library (or a class) we want to
 * be free to replace. See DESIGN.md, section 1.
 */
class ApiBoundaryTest {

    /**
     * Leaks the API has today, each as reported ({@code Type#member: offending type}), kept here only until they are
     * fixed: empty this set as they go. An entry that is no longer a leak fails the test, so the set cannot go stale.
     */
    private static final Set<String> KNOWN_UNTIL_FIXED = Set.of();

    /**
     * What an exported signature may mention; everything else is a leak. An allow-list rather than a list of
     * forbidden libraries, so that a library nobody thought of (commons-text, SLF4J, ...) cannot slip in either.
     */
    static Predicate<Class<?>> allowedIn(ExportedApi api) {
        return type -> type.getPackageName().startsWith("java.")
                // Our own API types; not a package-private helper beside them, which a user cannot even name.
                || api.contains(type)
                // The SDK's protocol records pass through where wrapping them would only copy them (DESIGN.md).
                || type.getName().equals("io.modelcontextprotocol.spec.McpSchema")
                || type.getName().startsWith("io.modelcontextprotocol.spec.McpSchema$")
                // Metrics are an optional feature: an application that wants them passes its own MeterRegistry.
                || type.getName().equals("io.micrometer.core.instrument.MeterRegistry")
                // Tracing: an application that wants spans passes its own OpenTelemetry (the API, not the SDK).
                || type.getName().equals("io.opentelemetry.api.OpenTelemetry");
    }

    @Test
    void exportedSignaturesMentionOnlyApiTypes() {
        ExportedApi api = ExportedApi.ofCore();
        // Guards against a vacuous pass: the walk must see the facade, the loader, an SPI type and nested types.
        assertThat(api.reachableTypes())
                .contains(Switchboard.class, Switchboard.Builder.class, ConfigLoader.class, Sleeper.class);

        printSize(api);

        SortedSet<String> leaks = new SignatureLeakChecker(allowedIn(api)).leaks(api.classes());

        SortedSet<String> newLeaks = new TreeSet<>(leaks);
        newLeaks.removeAll(KNOWN_UNTIL_FIXED);
        SortedSet<String> fixed = new TreeSet<>(KNOWN_UNTIL_FIXED);
        fixed.removeAll(leaks);
        assertThat(newLeaks)
                .withFailMessage("The exported API mentions types it must not (Type#member: offending type):%n  %s",
                        String.join("\n  ", newLeaks))
                .isEmpty();
        assertThat(fixed)
                .withFailMessage("No longer leaks, remove from KNOWN_UNTIL_FIXED:%n  %s", String.join("\n  ", fixed))
                .isEmpty();
    }

    /** For the notes on how the API grows; not asserted. */
    private static void printSize(ExportedApi api) {
        long executables = api.reachableTypes().stream().mapToLong(SignatureLeakChecker::visibleExecutables).sum();
        System.out.printf("Exported API %s: %d public types, %d public/protected methods and constructors%n",
                new TreeSet<>(api.packages()), api.reachableTypes().size(), executables);
    }
}
