package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertWeightGradients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    private static final Tensor IDS = Tensor.of(new double[][] {{0, 2, 2}, {3, 0, 1}});

    @Test
    void looksUpRowsOfTheTable() {
        Embedding e = new Embedding(4, 2);
        e.call(IDS, false);
        for (double v : e.embeddings().value().toDoubleArray()) {
            assertTrue(Math.abs(v) <= 0.05, "Keras's default initializer is uniform in [-0.05, 0.05], got " + v);
        }
        e.embeddings().assign(Tensor.of(new double[][] {{0, 1}, {10, 11}, {20, 21}, {30, 31}}));
        Tensor y = e.call(IDS, false);
        assertArrayEquals(new int[] {2, 3, 2}, y.shape());
        assertArrayEquals(new double[] {0, 1, 20, 21, 20, 21, 30, 31, 0, 1, 10, 11}, y.toDoubleArray(), 0);
    }

    @Test
    void repeatedIndicesAccumulateTheirGradients() {
        Embedding e = new Embedding(4, 2);
        e.call(IDS, false).sum().backward();
        assertArrayEquals(new double[] {2, 2, 1, 1, 2, 2, 1, 1}, e.embeddings().value().grad().toDoubleArray(), 0);
        assertWeightGradients(new Embedding(5, 3), Tensor.of(new double[][] {{4, 1, 1}, {0, 4, 4}}));
    }

    @Test
    void configRoundTrip() {
        assertConfigRoundTrip(new Embedding(4, 3).embeddingsRegularizer(Regularizers.l2(0.01)), IDS);
    }

    @Test
    void badIndicesAndSizesAreExplained() {
        Embedding e = new Embedding(3, 2);
        e.setName("words");
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class, () -> e.call(IDS, false));
        assertEquals("Embedding 'words': index 3.0 at position [1, 0] is not a whole number in [0, 3) (input shape [2, 3])",
                out.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.call(Tensor.of(new double[] {0.5}), false));
        assertThrows(IllegalArgumentException.class, () -> e.call(Tensor.of(new double[] {-1}), false));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 2));
        Embedding floats = new Embedding(5, 2);
        assertEquals(DType.FLOAT32, floats.call(Tensor.of(new float[] {1, 4}), false).dtype());
    }
}
