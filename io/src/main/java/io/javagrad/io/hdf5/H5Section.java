package io.javagrad.io.hdf5;

import java.util.List;
import java.util.Objects;

/**
 * A part of a Javagrad file that Keras does not know, stored under {@code /javagrad/<name>}: a JSON value
 * (may be {@code null}) and named tensors. Used for optimizer state, training history and metadata.
 */
public record H5Section(String name, Object json, List<NamedTensor> tensors) {
    public H5Section {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("section name '" + name + "' must be non-empty and without '/'");
        }
        tensors = List.copyOf(tensors);
    }
}
