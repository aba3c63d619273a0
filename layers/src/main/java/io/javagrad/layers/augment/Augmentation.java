package io.javagrad.layers.augment;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.data.BatchTransform;
import io.javagrad.layers.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * A random transform of a batch of NCHW images that draws its random choices from the given generator only, so
 * the same generator state gives the bit-identical result. Each image of the batch gets its own draws.
 *
 * <p>Use one in a model through the {@code Random*} layers (active in training only), or on the data through
 * {@link #onInputs()}:
 * <pre>{@code
 * Augmentation aug = AffineAugmentation.builder().rotationDegrees(-10, 10).flips(true, false).build()
 *         .andThen(new Brightness(-0.1, 0.1, 0, 1));
 * for (Dataset.Batch b : train.batches(32, true, rng, aug.onInputs())) { ... }
 * }</pre>
 */
@FunctionalInterface
public interface Augmentation {

    /** The augmented images, of the same shape and dtype; differentiable with respect to {@code images}. */
    Tensor apply(Tensor images, Rng rng);

    /** This augmentation, then {@code next}, both drawing from the same generator. */
    default Augmentation andThen(Augmentation next) {
        return (images, rng) -> next.apply(apply(images, rng), rng);
    }

    /** A batch transform applying this augmentation to every input tensor of a batch (each with its own draws). */
    default BatchTransform onInputs() {
        return (batch, rng) -> {
            List<Tensor> xs = new ArrayList<>(batch.xs().size());
            for (Tensor x : batch.xs()) {
                xs.add(apply(x, rng));
            }
            return new Dataset.Batch(List.copyOf(xs), batch.ys());
        };
    }
}
