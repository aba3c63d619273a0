package io.javagrad.optim;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked access to an optimizer config map whose {@code "name"} the caller has already resolved;
 * unknown keys are an error (a file is not trusted).
 */
final class ConfigReader {
    private final String owner;
    private final Map<String, ?> config;
    private final Set<String> read = new HashSet<>();

    ConfigReader(String owner, Map<String, ?> config) {
        this.owner = owner;
        this.config = config;
        read.add("name");
    }

    /** The number under {@code key}, or {@code fallback} when absent. */
    double getDouble(String key, double fallback) {
        Object v = take(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(owner + " config: '" + key + "' must be a number, got " + describe(v));
        }
        return ((Number) v).doubleValue();
    }

    /** The number under {@code key}, which must be present. */
    double requireDouble(String key) {
        if (config.get(key) == null) {
            throw new IllegalArgumentException(owner + " config: missing '" + key + "'");
        }
        return getDouble(key, Double.NaN);
    }

    /** The boolean under {@code key}, or {@code fallback} when absent. */
    boolean getBoolean(String key, boolean fallback) {
        Object v = take(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(owner + " config: '" + key + "' must be a boolean, got " + describe(v));
        }
        return (Boolean) v;
    }

    /** Throws if the config holds a key nothing has read. */
    void checkAllRead() {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + " config: unknown keys " + unknown);
        }
    }

    private Object take(String key) {
        read.add(key);
        return config.get(key);
    }

    private static String describe(Object v) {
        return v.getClass().getSimpleName() + " " + v;
    }
}
