package io.jakartio.jakarta;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.PayloadTooLargeException;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link EngineRequest} captured from a WebSocket upgrade request. Built in
 * {@code modifyHandshake}, when headers are still visible, and handed to the endpoint through the
 * session's user properties.
 */
final class HandshakeEngineRequest implements EngineRequest {

    /** The user-property key under which the configurator stores the request. */
    static final String PROPERTY = HandshakeEngineRequest.class.getName();

    private final NamedValues query;
    private final NamedValues headers;
    private final String url;
    private final boolean secure;
    private volatile String remoteAddress;

    private HandshakeEngineRequest(NamedValues query, NamedValues headers,
            String url, boolean secure, String remoteAddress) {
        this.query = query;
        this.headers = headers;
        this.url = url;
        this.secure = secure;
        this.remoteAddress = remoteAddress;
    }

    /** Stores the request in the session's user properties, from {@code modifyHandshake}. */
    static void capture(ServerEndpointConfig config, HandshakeRequest request) {
        config.getUserProperties().put(PROPERTY, of(request));
    }

    static HandshakeEngineRequest of(HandshakeRequest request) {
        URI uri = request.getRequestURI();
        String rawQuery = request.getQueryString();
        String path = uri.getRawPath();
        String url = rawQuery == null ? path : path + "?" + rawQuery;
        // Kept for the session's life, as the servlet binding's (see ServletEngineRequest).
        NamedValues.Builder headers = NamedValues.builder();
        request.getHeaders().forEach((name, values) -> {
            List<String> shared = new ArrayList<>(values.size());
            for (String value : values) {
                shared.add(SharedStrings.share(value));
            }
            headers.put(name.intern(), shared);
        });
        return new HandshakeEngineRequest(QueryParameters.parse(rawQuery), headers.build(),
                SharedStrings.share(url), "wss".equalsIgnoreCase(uri.getScheme()),
                SharedStrings.share(UpgradeRequestAddress.current()));
    }

    /** Fills in the peer address when the upgrade request did not reveal it. */
    void fallbackRemoteAddress(String address) {
        if (remoteAddress.isEmpty() && address != null) {
            remoteAddress = SharedStrings.share(address);
        }
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public String query(String name) {
        return query.first(name);
    }

    @Override
    public String header(String name) {
        return headers.firstIgnoringCase(name);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public byte[] body(long limit) throws PayloadTooLargeException, IOException {
        return new byte[0];
    }
}
