package dev.switchboard.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The starter is a client of the library like any application (DESIGN.md, section 1): if it needed something
 * internal, the library's API would be missing it, and the starter would break on any internal change.
 */
class StarterUsesOnlyTheExportedApiTest {
    private static final JavaClasses STARTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackagesOf(SwitchboardAutoConfiguration.class);

    @Test
    void dependsOnNoInternalClass() {
        noClasses().that().resideInAPackage("dev.switchboard.spring..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.internal..")
                .check(STARTER);
    }
}
