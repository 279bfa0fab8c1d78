package io.jakartio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the code base (see STYLE.md) and the direction of their dependencies; the
 * build fails when a layer imports upward or when {@code jakarta.*} leaks out of the binding.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jakartio");
    }

    @Test
    void layersDependOnlyDownward() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("parser").definedBy("io.jakartio.parser..")
                .layer("engine").definedBy("io.jakartio.engine..")
                .layer("adapter").definedBy("io.jakartio.adapter..")
                .layer("server").definedBy("io.jakartio.server..")
                .layer("redis").definedBy("io.jakartio.redis..")
                .layer("jakarta").definedBy("io.jakartio.jakarta..")
                .layer("chat").definedBy("io.jakartio.chat..")
                .whereLayer("chat").mayNotBeAccessedByAnyLayer()
                .whereLayer("jakarta").mayOnlyBeAccessedByLayers("chat")
                .whereLayer("redis").mayOnlyBeAccessedByLayers("jakarta")
                .whereLayer("server").mayOnlyBeAccessedByLayers("jakarta", "chat")
                .whereLayer("adapter").mayOnlyBeAccessedByLayers("server", "redis", "jakarta", "chat")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("server", "jakarta", "chat")
                .whereLayer("parser").mayOnlyBeAccessedByLayers("engine", "adapter", "server", "redis", "jakarta", "chat")
                .withOptionalLayers(true)
                .check(classes);
    }

    @Test
    void theEngineKnowsNothingOfTheAdapterOrTheServer() {
        noClasses().that().resideInAPackage("io.jakartio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jakartio.adapter..", "io.jakartio.server..")
                .check(classes);
    }

    @Test
    void onlyTheBindingAndTheChatImportJakarta() {
        noClasses().that().resideOutsideOfPackages("io.jakartio.jakarta..", "io.jakartio.chat..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..")
                .check(classes);
    }

    @Test
    void theCoreLayersUseTheJdkOnly() {
        noClasses().that().resideInAnyPackage("io.jakartio.parser..", "io.jakartio.engine..",
                        "io.jakartio.adapter..", "io.jakartio.server..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.jakartio..")
                .check(classes);
    }
}
