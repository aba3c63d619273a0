package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Creates the initial values of a weight. The layer passes the fans (for a Dense kernel [in, out]: in and out;
 * for a Conv2D kernel [out, in, kh, kw]: in*kh*kw and out*kh*kw), so initializers do not guess the layout.
 */
public interface Initializer {
    /** New values of {@code shape}, drawn from {@code rng} when random. */
    Tensor initialize(int[] shape, int fanIn, int fanOut, DType dtype, Rng rng);

    /** The Keras class name, e.g. {@code GlorotUniform}. */
    String className();

    /** The hyperparameters, for saving ({@code fromConfig} in {@link Initializers} reverses it). */
    Map<String, Object> getConfig();
}
