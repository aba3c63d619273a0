package io.javagrad.layers.data;

import io.javagrad.core.Rng;

/**
 * A transform of training batches, e.g. data augmentation: gets each batch and a generator to draw its random
 * choices from, and returns the batch to train on. See {@link Dataset#batches(int, boolean, Rng, BatchTransform)}.
 */
@FunctionalInterface
public interface BatchTransform {

    /** The transformed batch; random choices draw from {@code rng} only, so they are reproducible. */
    Dataset.Batch apply(Dataset.Batch batch, Rng rng);
}
