package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where keys are looked up: system property > environment > MicroProfile Config > context parameter. */
class ConfigSourcesTest {

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> microProfile = new HashMap<>();
    private final Map<String, String> params = new HashMap<>();
    private int microProfileOpened;

    private ConfigSources sources() {
        return new ConfigSources(properties::get, environment::get, () -> {
            microProfileOpened++;
            return microProfile::get;
        }, params::get);
    }

    private Optional<ConfigValue> find(String key) {
        return sources().find(key);
    }

    @Test
    void eachSourceWinsOverTheOnesAfterIt() {
        properties.put("jakartio.pingInterval", "1");
        environment.put("JAKARTIO_PINGINTERVAL", "2");
        microProfile.put("jakartio.pingInterval", "3");
        params.put("jakartio.pingInterval", "4");
        assertEquals(new ConfigValue("jakartio.pingInterval", "1", "system property jakartio.pingInterval"),
                find("jakartio.pingInterval").orElseThrow());
        properties.clear();
        assertEquals(new ConfigValue("jakartio.pingInterval", "2", "environment variable JAKARTIO_PINGINTERVAL"),
                find("jakartio.pingInterval").orElseThrow());
        environment.clear();
        assertEquals(new ConfigValue("jakartio.pingInterval", "3", "MicroProfile Config property jakartio.pingInterval"),
                find("jakartio.pingInterval").orElseThrow());
        microProfile.clear();
        assertEquals(new ConfigValue("jakartio.pingInterval", "4", "context parameter jakartio.pingInterval"),
                find("jakartio.pingInterval").orElseThrow());
        params.clear();
        assertFalse(find("jakartio.pingInterval").isPresent());
    }

    @Test
    void theEnvironmentIsSearchedByMicroProfileConfigsThreeRules() {
        List<String> asked = new ArrayList<>();
        new ConfigSources(k -> null, name -> {
            asked.add(name);
            return null;
        }, () -> k -> null, k -> null).find("jakartio.cors.allowedHeaders");
        assertEquals(List.of("jakartio.cors.allowedHeaders", "jakartio_cors_allowedHeaders", "JAKARTIO_CORS_ALLOWEDHEADERS"),
                asked);

        environment.put("jakartio_cors_allowedHeaders", "b");
        environment.put("JAKARTIO_CORS_ALLOWEDHEADERS", "c");
        assertEquals("b", find("jakartio.cors.allowedHeaders").orElseThrow().text());
        environment.put("jakartio.cors.allowedHeaders", "a");
        assertEquals("a", find("jakartio.cors.allowedHeaders").orElseThrow().text());
    }

    @Test
    void aBlankValueCountsAsNotSetAndValuesAreTrimmed() {
        properties.put("jakartio.pingInterval", "  ");
        environment.put("JAKARTIO_PINGINTERVAL", "");
        params.put("jakartio.pingInterval", " 4000 ");
        assertEquals("4000", find("jakartio.pingInterval").orElseThrow().text());
    }

    @Test
    void microProfileConfigIsOpenedOnlyWhenAKeyGetsThatFarAndOnlyOnce() {
        properties.put("jakartio.pingInterval", "1");
        ConfigSources sources = sources();
        sources.find("jakartio.pingInterval");
        assertEquals(0, microProfileOpened);
        sources.find("jakartio.pingTimeout");
        sources.find("jakartio.connectTimeout");
        assertEquals(1, microProfileOpened);
    }

    @Test
    void beforeTheServletContextExistsContextParametersAreNotRead() {
        params.put("jakartio.path", "/ignored/");
        assertFalse(sources().beforeServletContext("jakartio.path").isPresent());
        microProfile.put("jakartio.path", "/mp/");
        assertTrue(sources().beforeServletContext("jakartio.path").isPresent());
    }
}
