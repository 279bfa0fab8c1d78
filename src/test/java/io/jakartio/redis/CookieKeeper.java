package io.jakartio.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * A cookie jar for the official Java client's OkHttp client, as a browser keeps one for a site:
 * the last value of each cookie, sent back on every request (polling and the WebSocket handshake).
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder().cookieJar(new CookieKeeper()).build();
 * }</pre>
 */
final class CookieKeeper implements CookieJar {

    private final Map<String, Cookie> cookies = new ConcurrentHashMap<>();

    @Override
    public void saveFromResponse(HttpUrl url, List<Cookie> received) {
        received.forEach(cookie -> cookies.put(cookie.name(), cookie));
    }

    @Override
    public List<Cookie> loadForRequest(HttpUrl url) {
        return List.copyOf(cookies.values());
    }
}
