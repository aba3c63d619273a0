package io.javagrad.layers.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentationPipelineTest {
    private static final Augmentation AUG = AffineAugmentation.builder().rotationDegrees(-20, 20).flips(true, false)
            .build().andThen(new Brightness(-0.1, 0.1));

    @Test
    void andThenAppliesBothStepsDrawingFromOneGenerator() {
        Tensor x = Tensor.rand(new Rng(1), DType.FLOAT32, 4, 1, 5, 5);
        Rng rng = new Rng(2);
        Tensor expected = new Brightness(-0.1, 0.1).apply(
                AffineAugmentation.builder().rotationDegrees(-20, 20).flips(true, false).build().apply(x, rng), rng);
        assertArrayEquals(expected.toFloatArray(), AUG.apply(x, new Rng(2)).toFloatArray());
    }

    private static List<float[]> epoch(Dataset data, long seed) {
        List<float[]> out = new ArrayList<>();
        for (Dataset.Batch b : data.batches(3, true, new Rng(seed), AUG.onInputs())) {
            out.add(b.x().toFloatArray());
            out.add(b.y().toFloatArray());
        }
        return out;
    }

    @Test
    void datasetBatchesAreAugmentedReproduciblyAndTargetsKept() {
        Tensor x = Tensor.rand(new Rng(3), DType.FLOAT32, 8, 2, 4, 4);
        Tensor y = Tensor.arange(DType.FLOAT32, 0, 8, 1);
        Dataset data = new Dataset(x, y);
        List<float[]> a = epoch(data, 4);
        List<float[]> b = epoch(data, 4);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        // the same shuffle as without the transform, then the augmentation of those rows
        Rng rng = new Rng(4);
        int i = 0;
        for (Dataset.Batch plain : data.batches(3, true, new Rng(4))) {
            if (i == 0) {
                rng.permutation(8);
            }
            assertArrayEquals(AUG.apply(plain.x(), rng).toFloatArray(), a.get(i));
            assertArrayEquals(plain.y().toFloatArray(), a.get(i + 1));
            i += 2;
        }
        assertFalse(Arrays.equals(a.get(0), epoch(data, 5).get(0)));
    }

    @Test
    void onInputsLeavesTargetsUntouched() {
        Dataset.Batch batch = new Dataset.Batch(List.of(Tensor.zeros(2, 1, 3, 3)), List.of(Tensor.ones(2)));
        assertSame(batch.ys(), AUG.onInputs().apply(batch, new Rng(1)).ys());
    }

    @Test
    void aTransformNeedsAGenerator() {
        Dataset data = new Dataset(Tensor.zeros(2, 1, 3, 3), null);
        assertThrows(IllegalArgumentException.class, () -> data.batches(1, false, null, AUG.onInputs()));
    }
}
