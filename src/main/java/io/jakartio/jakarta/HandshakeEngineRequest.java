package io.jakartio.jakarta;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.PayloadTooLargeException;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final String url;
    private final boolean secure;
    private volatile String remoteAddress;

    private HandshakeEngineRequest(Map<String, List<String>> query, Map<String, List<String>> headers,
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
        Map<String, List<String>> headers = new LinkedHashMap<>(request.getHeaders());
        return new HandshakeEngineRequest(QueryParameters.parse(rawQuery),
                Collections.unmodifiableMap(headers), url, "wss".equalsIgnoreCase(uri.getScheme()),
                UpgradeRequestAddress.current());
    }

    /** Fills in the peer address when the upgrade request did not reveal it. */
    void fallbackRemoteAddress(String address) {
        if (remoteAddress.isEmpty() && address != null) {
            remoteAddress = address;
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
