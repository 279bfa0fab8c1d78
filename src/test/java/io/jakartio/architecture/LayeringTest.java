package io.jakartio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages are the layers, as the README's "Layout" section draws them, and each depends
 * only on the layers below it: the build fails when a class imports upward, when
 * {@code jakarta.*} leaks out of the container bindings, or when a core layer needs more than the
 * JDK.
 *
 * <pre>
 * chat                     the tutorial's chat (not in the library artifact), itself layered:
 *                            chat.web (page servlet, startup)  /  chat.seed (the seed's chat)
 *                            chat (the full chat, over the public API)
 *                            chat.store (JDBC)
 * cdi                      annotations, the producer, handler discovery, JSON-B
 * servlet   jsr356         polling + native WebSocket  /  the container's @ServerEndpoint
 * config                   the jakartio.* keys, read from the container
 * server   (redis)         Socket.IO's io, Namespace, Socket  /  Redis backends
 * engine   adapter         Engine.IO  /  rooms, broadcast, cluster protocol
 * parser   websocket       packet codecs  /  RFC 6455 framing
 * </pre>
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
                .layer("websocket").definedBy("io.jakartio.websocket..")
                .layer("engine").definedBy("io.jakartio.engine..")
                .layer("adapter").definedBy("io.jakartio.adapter..")
                .layer("server").definedBy("io.jakartio.server..")
                .layer("redis").definedBy("io.jakartio.redis..")
                .layer("config").definedBy("io.jakartio.config..")
                .layer("jsr356").definedBy("io.jakartio.jsr356..")
                .layer("servlet").definedBy("io.jakartio.servlet..")
                .layer("cdi").definedBy("io.jakartio.cdi..")
                .layer("chat").definedBy("io.jakartio.chat..")
                .whereLayer("chat").mayNotBeAccessedByAnyLayer()
                .whereLayer("cdi").mayOnlyBeAccessedByLayers("chat")
                .whereLayer("servlet").mayOnlyBeAccessedByLayers("cdi", "chat")
                .whereLayer("jsr356").mayOnlyBeAccessedByLayers("servlet", "cdi", "chat")
                .whereLayer("config").mayOnlyBeAccessedByLayers("jsr356", "servlet", "cdi", "chat")
                .whereLayer("redis").mayOnlyBeAccessedByLayers("config", "cdi")
                .whereLayer("server").mayOnlyBeAccessedByLayers("config", "jsr356", "servlet", "cdi", "chat")
                .whereLayer("adapter").mayOnlyBeAccessedByLayers("server", "redis", "config", "jsr356", "servlet", "cdi", "chat")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("server", "config", "jsr356", "servlet", "cdi", "chat")
                .whereLayer("websocket").mayOnlyBeAccessedByLayers("engine", "jsr356", "servlet")
                .whereLayer("parser").mayOnlyBeAccessedByLayers("engine", "adapter", "server", "redis", "config",
                        "jsr356", "servlet", "cdi", "chat")
                .withOptionalLayers(true)
                .check(classes);
    }

    @Test
    void theParserAndTheWebSocketFramingKnowNothingOfEachOther() {
        noClasses().that().resideInAPackage("io.jakartio.parser..")
                .should().dependOnClassesThat().resideInAPackage("io.jakartio.websocket..")
                .check(classes);
        noClasses().that().resideInAPackage("io.jakartio.websocket..")
                .should().dependOnClassesThat().resideInAPackage("io.jakartio.parser..")
                .check(classes);
    }

    @Test
    void theEngineKnowsNothingOfTheAdapterOrTheServer() {
        noClasses().that().resideInAPackage("io.jakartio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jakartio.adapter..", "io.jakartio.server..")
                .check(classes);
    }

    @Test
    void onlyTheContainerBindingsAndTheChatImportJakarta() {
        noClasses().that().resideOutsideOfPackages("io.jakartio.servlet..", "io.jakartio.jsr356..",
                        "io.jakartio.cdi..", "io.jakartio.chat..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..")
                .check(classes);
    }

    @Test
    void theCoreLayersAndTheConfigurationUseTheJdkOnly() {
        noClasses().that().resideInAnyPackage("io.jakartio.parser..", "io.jakartio.websocket..",
                        "io.jakartio.engine..", "io.jakartio.adapter..", "io.jakartio.server..",
                        "io.jakartio.config..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.jakartio..")
                .check(classes);
    }

    @Test
    void theChatIsLayeredToo() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("web").definedBy("io.jakartio.chat.web..")
                .layer("seed").definedBy("io.jakartio.chat.seed..")
                .layer("full chat").definedBy("io.jakartio.chat")
                .layer("store").definedBy("io.jakartio.chat.store..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("seed").mayNotBeAccessedByAnyLayer()
                .whereLayer("full chat").mayOnlyBeAccessedByLayers("web")
                .whereLayer("store").mayOnlyBeAccessedByLayers("full chat", "web")
                .check(classes);
    }

    @Test
    void theFullChatAndItsStoreAreJakartaFree() {
        // the full chat is plain Java over the public API (it runs without CDI or a servlet
        // container, as its tests do); only chat.web and chat.seed meet the container
        noClasses().that().resideInAnyPackage("io.jakartio.chat", "io.jakartio.chat.store..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..")
                .check(classes);
    }
}
