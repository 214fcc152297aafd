package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * One direction only (DESIGN.md, section 1): the CLI and the test kit depend on core, never the reverse, or core could
 * not be used without them. Core's main classes only: its tests may well use the test kit.
 */
class DependsOnNoClientOfItselfTest {

    @Test
    void coreUsesNeitherTheCliNorTheTestKit() {
        noClasses().that().resideInAPackage("dev.switchboard..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.cli..", "dev.switchboard.testing..")
                .check(new ClassFileImporter().importPath(ExportedApi.classesDirectory()));
    }
}
