package io.jakartio.servlet;

import io.jakartio.engine.EngineServer;
import io.jakartio.engine.HttpResponse;
import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.engine.WebSocketHandshake;
import io.jakartio.websocket.PerMessageDeflate;
import io.jakartio.websocket.WebSocketProtocol;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server side of the WebSocket opening handshake (RFC 6455 section 4.2) for
 * {@link WebSocketMode#NATIVE}: checks the request, lets the engine refuse it with an HTTP error
 * as Node's engine.io does (a foreign {@code Origin}, an unknown sid, a bad protocol version,
 * {@code allowRequest}), then switches protocols to a {@link ServletWebSocket}, with the headers
 * the engine adds (the session cookie, those of its listeners). permessage-deflate is
 * negotiated when {@code EngineOptions.perMessageDeflate} is set (off by default, as in
 * engine.io): see {@link PerMessageDeflate} for the offers accepted and the answer.
 */
final class WebSocketUpgrade {

    private WebSocketUpgrade() {
    }

    /** @return whether the request asks to upgrade to WebSocket */
    static boolean isRequested(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
    }

    /**
     * Answers an upgrade request: 101 and a bound {@link ServletWebSocket}, or an error.
     *
     * @param request a request for which {@link #isRequested} holds
     * @param response its response, not committed
     * @param engine the engine to open the WebSocket with
     * @param application the application's context, for the threads that will read the connection
     */
    static void handle(HttpServletRequest request, HttpServletResponse response, EngineServer engine,
            ApplicationContext application) throws IOException, ServletException {
        if (!"GET".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (!"13".equals(trimmed(request.getHeader("Sec-WebSocket-Version")))) {
            response.setHeader("Sec-WebSocket-Version", "13");
            response.sendError(426, "WebSocket version 13 required");
            return;
        }
        String key = trimmed(request.getHeader("Sec-WebSocket-Key"));
        if (!isValidKey(key) || !hasToken(request.getHeader("Connection"), "upgrade")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid WebSocket handshake");
            return;
        }
        WebSocketHandshake handshake = engine.handshakeWebSocket(ServletRequests.upgrade(request, engine.declaredRoles()));
        if (handshake instanceof WebSocketHandshake.Refused refused) {
            write(response, refused.response());
            return;
        }
        WebSocketHandshake.Accepted accepted = (WebSocketHandshake.Accepted) handshake;
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        accepted.headers().forEach((name, value) -> setHeader(response, name, value));
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", acceptKey(key));
        PerMessageDeflateOptions deflateOptions = engine.options().perMessageDeflate();
        PerMessageDeflate deflate = deflateOptions == null ? null
                : deflateOptions.negotiate(Collections.list(request.getHeaders("Sec-WebSocket-Extensions"))).orElse(null);
        if (deflate != null) {
            response.setHeader("Sec-WebSocket-Extensions", deflate.responseHeader());
        }
        ServletWebSocket websocket = UpgradeRetry.upgrade(() -> request.upgrade(ServletWebSocket.class));
        websocket.bind(engine, accepted.request(), deflate, application);
    }

    /**
     * @param key the client's {@code Sec-WebSocket-Key}
     * @return the {@code Sec-WebSocket-Accept} proving the server read it
     */
    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + WebSocketProtocol.ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** A key is 16 random bytes in base64. */
    static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean hasToken(String header, String token) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /** Sets a header of the engine's map: once per value ({@link HttpResponse#headerValues}). */
    static void setHeader(HttpServletResponse response, String name, String value) {
        List<String> values = HttpResponse.headerValues(value);
        response.setHeader(name, values.get(0));
        for (int i = 1; i < values.size(); i++) {
            response.addHeader(name, values.get(i));
        }
    }

    /** Writes a response the engine decided (a refusal) to a request that is not upgraded. */
    static void write(HttpServletResponse response, HttpResponse refusal) throws IOException {
        response.setStatus(refusal.status());
        for (Map.Entry<String, String> header : refusal.headers().entrySet()) {
            setHeader(response, header.getKey(), header.getValue());
        }
        response.setContentLength(refusal.body().length);
        response.getOutputStream().write(refusal.body());
    }
}
