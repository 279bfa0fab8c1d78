package io.jakartio.engine;

/**
 * Makes the session id ({@code sid}) of each new Engine.IO session: Node's {@code generateId}
 * option, for ids that carry meaning (a node prefix a load balancer routes by, say). Without one,
 * the engine draws 120 random bits ({@link SessionIds}).
 *
 * <pre>{@code
 * SessionIds random = new SessionIds();
 * EngineOptions.builder().generateId(request -> "node1-" + random.next()).build();
 * }</pre>
 *
 * <p>An id must be unique among the sessions open on every server that may receive the client's
 * requests, and unguessable (whoever knows it may poll the session). It must be 1 to 128
 * characters among {@code A-Z a-z 0-9 - _ . ~}, which travel unescaped in query strings, cookies
 * and JSON. An id that is not, a generator that throws or returns {@code null}, and an id
 * already in use refuse the handshake (HTTP 400, {@code "Bad request"}, reported to
 * {@link EngineListener#onConnectionError} as {@code ID_GENERATION_ERROR}), as Node does when
 * its {@code generateId} fails.
 *
 * <p>Called on the thread serving the handshake, for many handshakes at once: it must be
 * thread-safe and must not block.
 */
@FunctionalInterface
public interface SessionIdGenerator {

    /**
     * @param request the handshake request
     * @return the id of the session it opens
     */
    String generate(EngineRequest request);
}
