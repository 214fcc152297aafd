package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The configuration model is the bottom layer of the API: the tool catalog is built from it, so config must not reach
 * up into the catalog (an application loading a file would pull the routing engine in with it).
 */
class ConfigDoesNotDependOnCatalogTest {

    @Test
    @Disabled("enable after Suggestions moves to internal.util")
    void configDoesNotUseTheCatalog() {
        noClasses().that().resideInAPackage("dev.switchboard.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.internal.catalog..")
                .check(new ClassFileImporter().importPath(ExportedApi.classesDirectory()));
    }
}
