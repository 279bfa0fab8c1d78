package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterProviderTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void memoryIsTheInMemoryAdapter() {
        AdapterProvider memory = AdapterProvider.find("memory", loader);
        assertInstanceOf(InMemoryAdapterProvider.class, memory);
        assertInstanceOf(InMemoryAdapter.class, memory.create(key -> null).create(new FakeAdapterHost("/")));
    }

    @Test
    void memoryIsKnownEvenWhereNoServiceFileListsIt() {
        ClassLoader bare = new URLClassLoader(new URL[0], null);
        assertInstanceOf(InMemoryAdapterProvider.class, AdapterProvider.find("memory", bare));
    }

    @Test
    void aProviderListedInMetaInfServicesIsFoundByItsNameAndReadsItsOwnKeys() {
        AdapterProvider provider = AdapterProvider.find("labelled", loader);
        Map<String, String> settings = Map.of("jakartio.labelled.label", "blue");
        assertEquals(new LabelledAdapterProvider.LabelledFactory("blue"), provider.create(settings::get));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdapterProvider.find("nats", loader));
        assertEquals("jakartio.adapter: unknown adapter 'nats'; known: labelled, memory, redis, redis-streams (an adapter's jar lists "
                + "its provider in META-INF/services/io.jakartio.adapter.AdapterProvider)", e.getMessage());
    }

    @Test
    void twoProvidersOfOneNameAreRefusedRatherThanOnePickedAtRandom(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        // another jar's provider claims the name too
        Files.writeString(services.resolve(AdapterProvider.class.getName()), ImpostorAdapterProvider.class.getName());
        try (URLClassLoader twice = new URLClassLoader(new URL[] {dir.toUri().toURL()}, loader)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AdapterProvider.find("labelled", twice));
            assertEquals("jakartio.adapter: several providers are named 'labelled': ["
                    + LabelledAdapterProvider.class.getName() + ", " + ImpostorAdapterProvider.class.getName() + "]",
                    e.getMessage());
        }
    }
}
