package io.jakartio.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code jakartio.*} keys Jakartio reads, with the defaults the README and
 * {@link SocketIoConfig} document (tests hold the three together), and the check that finds
 * settings that look like keys but are none: a typo such as {@code -Djakartio.pingIntervall}
 * would otherwise be silently ignored.
 */
final class KnownKeys {

    /**
     * Keys (without {@code jakartio.}) that belong to the application shipped with Jakartio, not to
     * the library: the chat reads {@code jakartio.chat.*} itself (e.g. {@code jakartio.chat.dataSource}).
     */
    static final String APPLICATION_PREFIX = "chat.";

    /** Key (without {@code jakartio.}) to documented default; a default in parentheses is a description. */
    static final Map<String, String> DEFAULTS = defaults();

    private KnownKeys() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pingInterval", "25000");
        keys.put("pingTimeout", "20000");
        keys.put("upgradeTimeout", "10000");
        keys.put("maxHttpBufferSize", "1000000");
        keys.put("transports", "polling,websocket");
        keys.put("allowUpgrades", "true");
        keys.put("maxBufferedPackets", "10000");
        keys.put("pollingCloseTimeout", "30000");
        keys.put("closeTimeout", "5000");
        keys.put("writeLanes", "(the number of processors)");
        keys.put("perMessageDeflate", "false");
        keys.put("perMessageDeflate.threshold", "1024");
        keys.put("perMessageDeflate.serverNoContextTakeover", "true");
        keys.put("perMessageDeflate.clientNoContextTakeover", "false");
        keys.put("httpCompression", "true");
        keys.put("httpCompression.threshold", "1024");
        keys.put("initialPacket", "(none)");
        keys.put("allowEIO3", "false");
        keys.put("cors.origins", "(none: CORS off)");
        keys.put("cors.credentials", "false");
        keys.put("cors.allowedHeaders", "(those the preflight asks for)");
        keys.put("cors.maxAge", "86400000");
        keys.put("cookie", "false");
        keys.put("cookie.name", "io");
        keys.put("cookie.path", "/");
        keys.put("cookie.httpOnly", "true");
        keys.put("cookie.sameSite", "Lax");
        keys.put("cookie.maxAge", "(none: a session cookie)");
        keys.put("path", "/socket.io/");
        keys.put("connectTimeout", "45000");
        keys.put("maxAttachments", "10");
        keys.put("parser", "default");
        keys.put("cleanupEmptyChildNamespaces", "false");
        keys.put("connectionStateRecovery", "false");
        keys.put("connectionStateRecovery.maxDisconnectionDuration", "120000");
        keys.put("connectionStateRecovery.skipMiddlewares", "true");
        keys.put("connectionStateRecovery.maxPackets", "10000");
        keys.put("adapter", "memory");
        keys.put("websocket", "native");
        keys.put("websocketBufferSize", "1024");
        return Collections.unmodifiableMap(keys);
    }

    /**
     * The names of the settings of each source that can list them (MicroProfile Config cannot
     * without reading every property of the application).
     *
     * @param systemProperties the system properties' names
     * @param environment the environment variables' names
     * @param contextParams the context parameters' names
     */
    record Names(Collection<String> systemProperties, Collection<String> environment, Collection<String> contextParams) {
    }

    /**
     * Finds names that look like keys and are none.
     *
     * @param names the settings' names
     * @param adapter the configured adapter's name, whose keys ({@code jakartio.<adapter>.*}, and for a
     *     name with a dash those of its family too: {@code redis-streams} reads {@code jakartio.redis.*}) are its own
     * @return the unknown ones, described (e.g. {@code system property jakartio.pingIntervall})
     */
    static List<String> unknown(Names names, String adapter) {
        Set<String> known = new HashSet<>();
        Set<String> knownVariables = new HashSet<>();
        for (String key : DEFAULTS.keySet()) {
            known.add(SocketIoConfig.PREFIX + key);
            knownVariables.add(ConfigSources.environmentName(SocketIoConfig.PREFIX + key));
        }
        String adapterKeys = adapter == null ? null : SocketIoConfig.PREFIX + adapter + ".";
        if (adapter != null && adapter.indexOf('-') > 0) { // redis-streams also reads its family's keys, jakartio.redis.*
            String family = SocketIoConfig.PREFIX + adapter.substring(0, adapter.indexOf('-')) + ".";
            for (String name : names.systemProperties()) {
                if (name.startsWith(family)) {
                    known.add(name);
                }
            }
            for (String name : names.contextParams()) {
                if (name.startsWith(family)) {
                    known.add(name);
                }
            }
            for (String name : names.environment()) {
                if (ConfigSources.environmentName(name).startsWith(ConfigSources.environmentName(family))) {
                    knownVariables.add(ConfigSources.environmentName(name));
                }
            }
        }
        String application = SocketIoConfig.PREFIX + APPLICATION_PREFIX;
        for (Collection<String> source : List.of(names.systemProperties(), names.contextParams())) {
            for (String name : source) {
                if (name.startsWith(application)) {
                    known.add(name);
                }
            }
        }
        for (String name : names.environment()) {
            if (ConfigSources.environmentName(name).startsWith(ConfigSources.environmentName(application))) {
                knownVariables.add(ConfigSources.environmentName(name));
            }
        }
        List<String> unknown = new ArrayList<>();
        unknownKeys(names.systemProperties(), known, adapterKeys, "system property ", unknown);
        unknownKeys(names.contextParams(), known, adapterKeys, "context parameter ", unknown);
        String variablePrefix = ConfigSources.environmentName(SocketIoConfig.PREFIX);
        String adapterVariables = adapterKeys == null ? null : ConfigSources.environmentName(adapterKeys);
        for (String name : names.environment()) {
            String upper = ConfigSources.environmentName(name);
            if (upper.startsWith(variablePrefix) && !knownVariables.contains(upper)
                    && (adapterVariables == null || !upper.startsWith(adapterVariables))) {
                unknown.add("environment variable " + name);
            }
        }
        unknown.sort(null);
        return unknown;
    }

    private static void unknownKeys(Collection<String> names, Set<String> known, String adapterKeys, String source,
            List<String> unknown) {
        for (String name : names) {
            if (name.startsWith(SocketIoConfig.PREFIX) && !known.contains(name)
                    && (adapterKeys == null || !name.startsWith(adapterKeys))) {
                unknown.add(source + name);
            }
        }
    }

    /** @return whether the documented default is a value (not a description in parentheses) */
    static boolean isValue(String documentedDefault) {
        return !documentedDefault.startsWith("(");
    }
}
