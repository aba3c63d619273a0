package io.javagrad.core;

import java.util.HashMap;
import java.util.Map;

/** What a {@link Function}'s forward hands to its backward: saved tensors (version-checked) and plain values. */
public final class FunctionContext {
    private Tensor[] saved = new Tensor[0];
    private final Map<String, Object> values = new HashMap<>();

    FunctionContext() {}

    /**
     * Saves tensors for the backward. An in-place change to one of them before the backward runs makes the
     * backward fail with a clear message.
     */
    public void saveForBackward(Tensor... tensors) {
        saved = tensors.clone();
    }

    /** The i-th saved tensor. */
    public Tensor saved(int i) {
        return saved[i];
    }

    Tensor[] savedTensors() {
        return saved;
    }

    /** Stores a non-tensor value (a shape, a flag, a constant) for the backward. */
    public void put(String key, Object value) {
        values.put(key, value);
    }

    /** A value stored with {@link #put}. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) values.get(key);
    }
}
