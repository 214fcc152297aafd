package dev.switchboard.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a client of the library like any application (DESIGN.md, section 1): if it needs something internal,
 * the library's API is missing it, and the CLI would break on any internal change.
 */
class UsesOnlyTheExportedApiTest {
    /**
     * Known until fixed: secret masking is being redesigned into the exported API. Remove this exception with that
     * change; while it stands, the CLI must really use the class, so that the exception cannot outlive its reason.
     */
    private static final String KNOWN_UNTIL_FIXED = "dev.switchboard.internal.observe.Redactor";

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackagesOf(Main.class);

    @Test
    void dependsOnNoInternalClass() {
        noClasses().that().resideInAPackage("dev.switchboard.cli..")
                .should().dependOnClassesThat(resideInAPackage("dev.switchboard.internal..")
                        .and(not(name(KNOWN_UNTIL_FIXED))))
                .check(CLI);
    }

    @Test
    void stillUsesTheKnownException() {
        assertThat(CLI.stream().flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                .map(Dependency::getTargetClass))
                .as("the CLI no longer uses %s: remove it from KNOWN_UNTIL_FIXED", KNOWN_UNTIL_FIXED)
                .anyMatch(target -> target.getName().equals(KNOWN_UNTIL_FIXED));
    }
}
