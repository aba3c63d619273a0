package io.javagrad.io;

import java.util.List;
import java.util.Map;

/** Typed access to parsed JSON values read from files: a wrong type is an IllegalArgumentException naming the value. */
final class JsonValues {
    private JsonValues() {}

    static Map<?, ?> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what + " must be a JSON object, got " + brief(value));
    }

    /** A JSON object as parsed by {@link Json} (string keys). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String what) {
        return (Map<String, Object>) map(value, what);
    }

    static List<?> list(Object value, String what) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(what + " must be a JSON array, got " + brief(value));
    }

    static String string(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + " must be a string, got " + brief(value));
    }

    static double number(Object value, String what) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(what + " must be a number, got " + brief(value));
    }

    static int integer(Object value, String what, int min, int max) {
        double d = number(value, what);
        if (d != Math.rint(d) || d < min || d > max) {
            throw new IllegalArgumentException(what + " must be an integer in [" + min + ", " + max + "], got " + d);
        }
        return (int) d;
    }

    static long parseLong(Object value, String what) {
        String s = string(value, what);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a decimal integer, got '" + brief(s) + "'", e);
        }
    }

    static boolean bool(Object value, String what) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(what + " must be true or false, got " + brief(value));
    }

    private static String brief(Object value) {
        String s = String.valueOf(value);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
