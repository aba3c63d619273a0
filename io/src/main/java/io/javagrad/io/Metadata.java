package io.javagrad.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a saved model file says about where it came from: the Javagrad version that wrote it, the Java version,
 * the model's seed, the creation time (ISO-8601, UTC) and the user's own entries (data source, script,
 * hardware ...) given with {@link SaveOptions#put}.
 */
public record Metadata(String libraryVersion, String javaVersion, long seed, String created, Map<String, String> entries) {
    public Metadata {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(created, "created");
        entries = Map.copyOf(entries);
    }

    /** The JSON form stored in the file. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("library_version", libraryVersion);
        m.put("java_version", javaVersion);
        m.put("seed", Long.toString(seed)); // a string: JSON numbers are doubles
        m.put("created", created);
        m.put("entries", new LinkedHashMap<>(entries));
        return m;
    }

    /** Reads {@link #toJson()}'s form; an error names what is wrong. */
    static Metadata fromJson(Object json) {
        Map<?, ?> m = JsonValues.map(json, "metadata");
        Map<String, String> entries = new LinkedHashMap<>();
        JsonValues.map(m.get("entries"), "metadata entries").forEach((k, v) -> entries.put(String.valueOf(k),
                JsonValues.string(v, "metadata entry '" + k + "'")));
        return new Metadata(JsonValues.string(m.get("library_version"), "metadata library_version"),
                JsonValues.string(m.get("java_version"), "metadata java_version"),
                JsonValues.parseLong(m.get("seed"), "metadata seed"),
                JsonValues.string(m.get("created"), "metadata created"), entries);
    }
}
