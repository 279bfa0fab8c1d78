package io.jakartio.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.adapter.AdapterProvider;
import io.jakartio.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The keys and defaults that the README's "Configuration" table and {@link SocketIoConfig}'s
 * Javadoc document are the keys read, and each documented default is the default: setting a key
 * to it changes nothing.
 */
class ConfigurationDocsTest {

    private static Map<String, String> table(Path file, Pattern row) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher matcher = row.matcher(Files.readString(file));
        while (matcher.find()) {
            keys.put(matcher.group(1), matcher.group(2).trim());
        }
        return keys;
    }

    @Test
    void theReadmeTableListsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> readme = table(Path.of("README.md"), Pattern.compile("(?m)^\\| `jakartio\\.([^`]+)` \\| ([^|]+) \\|"));
        // an adapter's own keys (jakartio.redis.*) are its provider's: RedisAdapterProviderTest checks those rows
        for (AdapterProvider provider : ServiceLoader.load(AdapterProvider.class)) {
            readme.keySet().removeIf(key -> key.startsWith(provider.name() + "."));
        }
        assertEquals(KnownKeys.DEFAULTS, readme);
    }

    @Test
    void theJavadocTableListsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> javadoc = table(Path.of("src/main/java/io/jakartio/config/SocketIoConfig.java"),
                Pattern.compile("<tr><td>jakartio\\.([^<]+)</td><td>([^<]+)</td>"));
        assertEquals(KnownKeys.DEFAULTS, javadoc);
    }

    @Test
    void setToItsDocumentedDefaultAKeyChangesNothing() {
        for (Map.Entry<String, String> key : KnownKeys.DEFAULTS.entrySet()) {
            if (!KnownKeys.isValue(key.getValue()) || key.getKey().equals("adapter") || key.getKey().startsWith("websocket")) {
                continue;
            }
            // a part of a group is compared with the group on
            Map<String, String> group = new HashMap<>();
            if (key.getKey().startsWith("cors.")) {
                group.put("jakartio.cors.origins", "https://chat.example.com");
            } else if (key.getKey().startsWith("cookie.")) {
                group.put("jakartio.cookie", "true");
            } else if (key.getKey().startsWith("perMessageDeflate.")) {
                group.put("jakartio.perMessageDeflate", "true");
            } else if (key.getKey().startsWith("connectionStateRecovery.")) {
                group.put("jakartio.connectionStateRecovery", "true");
            }
            Map<String, String> set = new HashMap<>(group);
            set.put("jakartio." + key.getKey(), key.getValue());
            ServerOptions unset = new SocketIoConfig(group::get, k -> null, k -> null).toBuilder().build();
            ServerOptions setToDefault = new SocketIoConfig(set::get, k -> null, k -> null).toBuilder().build();
            assertEquals(unset, setToDefault, key.getKey());
        }
    }

    @Test
    void theBindingsDocumentedDefaultsAreTheirDefaults() {
        Map<String, String> set = Map.of("jakartio.websocket", KnownKeys.DEFAULTS.get("websocket"),
                "jakartio.websocketBufferSize", KnownKeys.DEFAULTS.get("websocketBufferSize"));
        SocketIoConfig unset = new SocketIoConfig(k -> null, k -> null, k -> null);
        SocketIoConfig setToDefault = new SocketIoConfig(set::get, k -> null, k -> null);
        assertEquals(unset.websocketModeSetting(), setToDefault.websocketModeSetting());
        assertEquals(unset.websocketBufferSizeSetting(), setToDefault.websocketBufferSizeSetting());
    }
}
