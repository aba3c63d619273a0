package io.javagrad.examples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The options every example understands: {@code --epochs N}, {@code --out DIR}, {@code --data DIR}, {@code --seed S}. */
final class ExampleOptions {
    private final Map<String, String> values;

    private ExampleOptions(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code --key value} pairs; unknown keys are an error listing the known ones. */
    static ExampleOptions parse(String[] args, int from) {
        Map<String, String> values = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            String key = args[i];
            if (!key.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value pairs, got '" + key + "'"
                        + " (options: --epochs N, --out DIR, --data DIR, --seed S)");
            }
            String k = key.substring(2);
            if (!k.equals("epochs") && !k.equals("out") && !k.equals("data") && !k.equals("seed")) {
                throw new IllegalArgumentException("unknown option " + key + " (options: --epochs N, --out DIR, --data DIR, --seed S)");
            }
            values.put(k, args[++i]);
        }
        return new ExampleOptions(values);
    }

    int epochs(int fallback) {
        return positiveInt("epochs", fallback);
    }

    long seed(long fallback) {
        String v = values.get("seed");
        return v == null ? fallback : Long.parseLong(v);
    }

    Path out() {
        return Path.of(values.getOrDefault("out", "out"));
    }

    /** The --data directory, or {@code null} for the embedded data. */
    Path data() {
        String v = values.get("data");
        return v == null ? null : Path.of(v);
    }

    private int positiveInt(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + v + "'");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive, got " + n);
        }
        return n;
    }
}
