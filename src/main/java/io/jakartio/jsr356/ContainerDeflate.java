package io.jakartio.jsr356;

import io.jakartio.engine.EngineServer;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;

/**
 * permessage-deflate in the JSR-356 mode: the container's own extension, where it has one,
 * negotiated only when {@code perMessageDeflate} is set, so that the option means the same in
 * both WebSocket modes (off by default, as in Node). Tomcat installs permessage-deflate for every
 * endpoint and would otherwise accept every offer; Undertow (WildFly) installs it when its
 * subsystem's {@code per-message-deflate} is on; Tyrus (Payara, GlassFish) has none installed.
 * The container then compresses as it does (its own threshold and context takeover), and
 * Socket.IO's {@code compress} flag cannot reach it: the Jakarta WebSocket API has no
 * per-message switch.
 */
final class ContainerDeflate {

    private static final String NAME = "permessage-deflate";

    private ContainerDeflate() {
    }

    /**
     * @param engine the engine whose options decide, or {@code null} if unknown (offers pass)
     * @param requested the client's offers, as the container parsed them
     * @return the offers the container may negotiate: without permessage-deflate when it is off
     */
    static List<Extension> offers(EngineServer engine, List<Extension> requested) {
        if (engine == null || engine.options().perMessageDeflate() != null) {
            return requested;
        }
        List<Extension> kept = new ArrayList<>(requested.size());
        for (Extension offer : requested) {
            if (!NAME.equalsIgnoreCase(offer.getName())) {
                kept.add(offer);
            }
        }
        return kept;
    }
}
