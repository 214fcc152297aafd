package dev.switchboard.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent is a client of the library like any application (DESIGN.md, section 1): if it needs something
 * internal, the library's API is missing it, and the agent would break on any internal change.
 */
class UsesOnlyTheExportedApiTest {
    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackagesOf(QueryPipeline.class);

    @Test
    void dependsOnNoInternalClass() {
        noClasses().that().resideInAPackage("dev.switchboard.agent..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.internal..")
                .check(ADAPTER);
    }
}
