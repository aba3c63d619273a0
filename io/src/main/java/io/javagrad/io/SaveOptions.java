package io.javagrad.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link ModelIO#save(io.javagrad.layers.Model, java.nio.file.Path, SaveOptions)}: user metadata
 * entries (data source, script, hardware ...) and whether to store the optimizer's state.
 *
 * <pre>{@code
 * ModelIO.save(model, Path.of("mnist.h5"), SaveOptions.metadata(Map.of("data", "MNIST 60k")).put("script", "train.sh"));
 * }</pre>
 */
public final class SaveOptions {
    private final Map<String, String> entries = new LinkedHashMap<>();
    private boolean includeOptimizer = true;

    private SaveOptions() {}

    /** No user metadata; the optimizer's state is stored. */
    public static SaveOptions defaults() {
        return new SaveOptions();
    }

    /** The defaults with these metadata entries. */
    public static SaveOptions metadata(Map<String, String> entries) {
        SaveOptions o = new SaveOptions();
        entries.forEach(o::put);
        return o;
    }

    /** Adds (or replaces) a metadata entry; returns these options. */
    public SaveOptions put(String key, String value) {
        entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
        return this;
    }

    /**
     * Whether to store the optimizer's state (step count, moments) so that training resumes exactly (default
     * true); without it a loaded model starts with a fresh optimizer of the same config.
     */
    public SaveOptions includeOptimizer(boolean include) {
        this.includeOptimizer = include;
        return this;
    }

    /** The user metadata entries. */
    public Map<String, String> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** Whether the optimizer's state is stored. */
    public boolean includeOptimizer() {
        return includeOptimizer;
    }
}
