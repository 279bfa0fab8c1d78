package io.jakartio.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code Sec-WebSocket-Extensions} request headers (RFC 6455 section 9.1) into the
 * offers they list, in order: {@code permessage-deflate; client_max_window_bits, x-webkit}
 * is two offers. An offer that does not parse (a parameter named twice, a broken quoted string)
 * is left out, so that the others can still be accepted; a parameter without value maps to
 * {@code null}, a quoted value is unquoted.
 */
final class ExtensionOffers {

    /**
     * One offered extension.
     *
     * @param name the extension's name, lower case
     * @param parameters its parameters in order, names lower case; a value is {@code null} when absent
     */
    record Offer(String name, Map<String, String> parameters) {
    }

    private ExtensionOffers() {
    }

    /**
     * @param headers the values of every {@code Sec-WebSocket-Extensions} header of the request
     * @return the offers that parse, in order
     */
    static List<Offer> parse(List<String> headers) {
        List<Offer> offers = new ArrayList<>();
        for (String header : headers) {
            if (header != null) {
                for (String element : splitOutsideQuotes(header, ',')) {
                    Offer offer = offer(element);
                    if (offer != null) {
                        offers.add(offer);
                    }
                }
            }
        }
        return offers;
    }

    private static Offer offer(String element) {
        List<String> parts = splitOutsideQuotes(element, ';');
        String name = parts.get(0).trim().toLowerCase(Locale.ROOT);
        if (!isToken(name)) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.size(); i++) {
            String part = parts.get(i).trim();
            int equals = part.indexOf('=');
            String key = (equals < 0 ? part : part.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : unquote(part.substring(equals + 1).trim());
            if (!isToken(key) || parameters.containsKey(key) || (equals >= 0 && value == null)) {
                return null; // RFC 7692 section 7.1: an offer with a duplicate or broken parameter is declined
            }
            parameters.put(key, value);
        }
        return new Offer(name, parameters);
    }

    /** @return the value, unquoted; {@code null} if it is neither a token nor a quoted token */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            value = value.substring(1, value.length() - 1).replace("\\", "");
        }
        return isToken(value) ? value : null;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** An RFC 7230 token: visible ASCII except separators. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
