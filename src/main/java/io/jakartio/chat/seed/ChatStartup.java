package io.jakartio.chat.seed;

import io.jakartio.server.Server;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the tutorial's server does once it listens: logs where, and emits {@code "some event"}
 * to every connected user (nobody yet, as in the original).
 */
@ApplicationScoped
public class ChatStartup {

    private static final System.Logger LOG = System.getLogger(ChatStartup.class.getName());

    void started(@Observes @Initialized(ApplicationScoped.class) Object event, Server io) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("someProperty", "some value");
        payload.put("otherProperty", "other value");
        io.emit("some event", payload);
        LOG.log(Level.INFO, "chat ready (Socket.IO at {0})", io.options().path());
    }
}
