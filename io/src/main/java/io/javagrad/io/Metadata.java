package io.javagrad.io;

import io.javagrad.layers.Model;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a saved model file says about where it came from: the Javagrad version that wrote it, the Java version,
 * the model's seed, the creation time (ISO-8601, UTC) and the user's own entries (data source, script,
 * hardware ...) given with {@link SaveOptions#put}. HDF5 files ({@link ModelIO}) store it as a JSON section, ONNX
 * files ({@link io.javagrad.io.onnx.OnnxExport}) as {@code metadata_props} in the form of {@link #toMap()}.
 */
public record Metadata(String libraryVersion, String javaVersion, long seed, String created, Map<String, String> entries) {
    /** Key of {@link #libraryVersion} in {@link #toMap()}. */
    public static final String VERSION_KEY = "javagrad.version";
    /** Key of {@link #javaVersion} in {@link #toMap()}. */
    public static final String JAVA_VERSION_KEY = "java.version";
    /** Key of {@link #created} in {@link #toMap()}, an ISO-8601 instant such as {@code 2024-05-01T12:00:00Z}. */
    public static final String CREATED_KEY = "javagrad.created";
    /** Key of {@link #seed} in {@link #toMap()}. */
    public static final String SEED_KEY = "javagrad.seed";

    /** Checks the fields; the entries are copied in their order. */
    public Metadata {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(created, "created");
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "metadata key"),
                Objects.requireNonNull(v, "value of metadata entry " + k)));
        entries = Collections.unmodifiableMap(copy);
    }

    /** The metadata of {@code model} written now by this library and JVM, with the user's {@code entries}. */
    public static Metadata of(Model model, Map<String, String> entries) {
        return new Metadata(LibraryInfo.version(), System.getProperty("java.version"), model.seed(),
                Instant.now().toString(), entries);
    }

    /**
     * The metadata as flat string entries: {@link #VERSION_KEY}, {@link #JAVA_VERSION_KEY}, {@link #CREATED_KEY}
     * and {@link #SEED_KEY}, then the user's entries, which may replace those.
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(VERSION_KEY, libraryVersion);
        m.put(JAVA_VERSION_KEY, javaVersion);
        m.put(CREATED_KEY, created);
        m.put(SEED_KEY, Long.toString(seed));
        m.putAll(entries);
        return m;
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
