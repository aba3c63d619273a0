package io.javagrad.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from layer configs (maps parsed from JSON or built in code), with messages that say which
 * key of what was wrong. Numbers may arrive as any {@link Number}.
 */
public final class Configs {
    private Configs() {}

    /** {@code value} as a map, or an error naming {@code what}. */
    public static Map<?, ?> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what + ": expected an object, got " + describe(value));
    }

    /** A required string. */
    public static String string(Map<?, ?> config, String key, String what) {
        Object v = config.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + ": key '" + key + "' must be a string, got " + describe(v));
    }

    /** An optional string. */
    public static String string(Map<?, ?> config, String key, String what, String fallback) {
        return config.get(key) == null ? fallback : string(config, key, what);
    }

    /** An optional number. */
    public static double number(Map<?, ?> config, String key, double fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("config key '" + key + "' must be a number, got " + describe(v));
    }

    /** A required whole number within int range. */
    public static int integer(Map<?, ?> config, String key, String what) {
        Object v = config.get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new IllegalArgumentException(what + ": key '" + key + "' must be a whole number, got " + describe(v));
    }

    /** An optional whole number. */
    public static int integer(Map<?, ?> config, String key, String what, int fallback) {
        return config.get(key) == null ? fallback : integer(config, key, what);
    }

    /** An optional boolean. */
    public static boolean bool(Map<?, ?> config, String key, boolean fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("config key '" + key + "' must be true or false, got " + describe(v));
    }

    /** An int array from a list of whole numbers, or a single number repeated {@code n} times. */
    public static int[] ints(Map<?, ?> config, String key, String what, int n) {
        Object v = config.get(key);
        if (v instanceof Number) {
            int x = integer(config, key, what);
            int[] out = new int[n];
            java.util.Arrays.fill(out, x);
            return out;
        }
        if (v instanceof List<?> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = list.get(i);
                if (!(e instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
                    throw new IllegalArgumentException(what + ": key '" + key + "' must hold whole numbers, got "
                            + describe(e));
                }
                out[i] = num.intValue();
            }
            return out;
        }
        throw new IllegalArgumentException(what + ": key '" + key + "' must be a number or a list, got " + describe(v));
    }

    /** An int array as a JSON-friendly list. */
    public static List<Integer> list(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName() + " " + v;
    }
}
