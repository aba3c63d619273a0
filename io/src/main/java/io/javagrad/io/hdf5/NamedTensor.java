package io.javagrad.io.hdf5;

import io.javagrad.core.Tensor;
import java.util.Objects;

/**
 * A tensor with the name it has in a file, e.g. {@code dense/kernel:0} (Keras 2) or
 * {@code sequential/dense/kernel} (Keras 3); '/' separates nested groups.
 */
public record NamedTensor(String name, Tensor value) {
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The last part of the name without a {@code :0} suffix, e.g. {@code kernel}. */
    public String shortName() {
        String last = name.substring(name.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon > 0 ? last.substring(0, colon) : last;
    }
}
