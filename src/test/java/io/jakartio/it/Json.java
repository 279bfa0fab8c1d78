package io.jakartio.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Builds and reads the {@code org.json} values (version 20090211, whose {@link JSONException}
 * is checked) that the official Java client sends and receives.
 */
final class Json {

    private Json() {
    }

    /** @param keysAndValues alternating keys and values; {@code null} values become JSON null */
    static JSONObject object(Object... keysAndValues) {
        JSONObject object = new JSONObject();
        try {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                Object value = keysAndValues[i + 1];
                object.put((String) keysAndValues[i], value == null ? JSONObject.NULL : value);
            }
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
        return object;
    }

    /** @param values the elements; {@code null} becomes JSON null */
    static JSONArray array(Object... values) {
        JSONArray array = new JSONArray();
        for (Object value : values) {
            array.put(value == null ? JSONObject.NULL : value);
        }
        return array;
    }

    /**
     * Converts what the client received into plain Java values that compare with
     * {@code equals}: objects become {@link LinkedHashMap}s, arrays {@link List}s, JSON null
     * {@code null}; numbers, strings, booleans and {@code byte[]} are kept as they are.
     */
    static Object plain(Object value) {
        if (value == null || JSONObject.NULL.equals(value)) {
            return null;
        }
        try {
            if (value instanceof JSONObject object) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<?> keys = object.keys(); keys.hasNext(); ) {
                    String key = (String) keys.next();
                    map.put(key, plain(object.get(key)));
                }
                return map;
            }
            if (value instanceof JSONArray array) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < array.length(); i++) {
                    list.add(plain(array.get(i)));
                }
                return list;
            }
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
        return value;
    }

    /** @return {@link #plain} applied to each argument */
    static List<Object> plain(Object[] args) {
        List<Object> list = new ArrayList<>(args.length);
        for (Object arg : args) {
            list.add(plain(arg));
        }
        return list;
    }

    /** @return a map from alternating keys and values (which may be {@code null}) */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** @return a list of the values (which may be {@code null}) */
    static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /** Renders received arguments for failure messages (binary shown as its length). */
    static String show(Object[] args) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(args[i] instanceof byte[] bytes ? "<" + bytes.length + " bytes>" : String.valueOf(args[i]));
        }
        String text = out.append(']').toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
