package io.javagrad.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches, checked against the names a command knows. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && flags.contains(name)) {
                values.put(name, "true");
            } else if (name != null && valued.contains(name) && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int positiveInt(String name, int fallback) {
        return intAtLeast(name, fallback, 1, "a positive integer");
    }

    int nonNegativeInt(String name, int fallback) {
        return intAtLeast(name, fallback, 0, "an integer >= 0");
    }

    private int intAtLeast(String name, int fallback, int min, String what) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int x = Integer.parseInt(v);
            if (x >= min) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " expects " + what + ", got '" + v + "'");
    }
}
