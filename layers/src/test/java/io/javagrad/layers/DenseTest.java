package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertLayerGradients;
import static io.javagrad.layers.LayerChecks.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void computesInputTimesKernelPlusBiasWithKerasLayout() {
        Dense d = new Dense(2);
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}});
        d.call(x, false);
        assertArrayEquals(new int[] {3, 2}, d.kernel().value().shape());
        d.kernel().assign(Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
        d.bias().assign(Tensor.of(new double[] {10, 20}));
        assertArrayEquals(new double[] {14, 25}, d.call(x, false).toDoubleArray(), 0);
        assertEquals(List.of("kernel", "bias"), List.copyOf(d.namedWeights().keySet()));
    }

    @Test
    void appliesToTheLastAxisOfHigherRankInputs() {
        Dense d = new Dense(4).activation("tanh");
        Tensor x = randn(1, 2, 3, 5);
        Tensor y = d.call(x, false);
        assertArrayEquals(new int[] {2, 3, 4}, y.shape());
        Tensor row = d.call(x.select(0, 1).slice(0, 2, 3), false);
        assertArrayEquals(row.toDoubleArray(), y.select(0, 1).select(0, 2).toDoubleArray(), 1e-12);
    }

    @Test
    void gradientsWithRespectToInputKernelAndBias() {
        assertLayerGradients(new Dense(3).activation("sigmoid"), randn(2, 4, 5));
        assertLayerGradients(new Dense(2).activation("gelu"), randn(3, 2, 3, 4));
        assertLayerGradients(new Dense(3).activation("softmax"), randn(4, 2, 4).transpose(0, 1));
    }

    @Test
    void withoutBiasThereIsOnlyAKernel() {
        Dense d = new Dense(3).useBias(false);
        d.call(randn(5, 2, 4), false);
        assertNull(d.bias());
        assertEquals(12, d.countParams());
        assertLayerGradients(d, randn(6, 2, 4));
    }

    @Test
    void configRoundTripKeepsEveryOption() {
        Dense d = new Dense(3).activation("relu").useBias(true).kernelInitializer(Initializers.heNormal())
                .biasInitializer(Initializers.constant(0.5)).kernelRegularizer(Regularizers.l2(1e-4))
                .biasRegularizer(Regularizers.l1(1e-3)).activityRegularizer(Regularizers.l1(1e-5));
        d.setName("dense_7");
        Layer copy = assertConfigRoundTrip(d, randn(7, 2, 4));
        assertEquals("dense_7", copy.name());
        assertEquals("relu", copy.getConfig().get("activation"));
        assertEquals(3, copy.losses().size());
    }

    @Test
    void optionsThatShapeTheWeightsAreRefusedOnceBuilt() {
        Dense d = new Dense(2);
        d.setName("dense_3");
        d.call(randn(1, 2, 3), false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.kernelInitializer(Initializers.zeros()));
        assertEquals("Dense 'dense_3': cannot change kernel_initializer after the layer was built", e.getMessage());
        assertThrows(IllegalStateException.class, () -> d.useBias(false));
        assertThrows(IllegalStateException.class, () -> d.biasInitializer(Initializers.zeros()));
        assertThrows(IllegalStateException.class, () -> d.kernelRegularizer(Regularizers.l2(1e-3)));
        assertThrows(IllegalStateException.class, () -> d.biasRegularizer(Regularizers.l2(1e-3)));
        assertEquals("tanh", d.activation("tanh").getConfig().get("activation"), "the activation may change");
    }

    @Test
    void wrongInputsAreReportedWithTheLayerAndTheShapes() {
        Dense d = new Dense(10);
        d.setName("dense_1");
        d.call(Tensor.zeros(DType.FLOAT32, 32, 784), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.call(Tensor.zeros(32, 28, 28), false));
        assertEquals("Dense 'dense_1': expected last input dimension 784, got 28 (input shape [32, 28, 28])",
                e.getMessage());
        IllegalArgumentException rank1 = assertThrows(IllegalArgumentException.class,
                () -> new Dense(2).call(Tensor.zeros(5), false));
        assertEquals("Dense '?': expected an input of rank >= 2 [batch, ..., features], got shape [5]", rank1.getMessage());
    }

    @Test
    void badHyperparametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(2).activation("rellu"));
        assertEquals(true, e.getMessage().contains("known: [linear, relu"), e.getMessage());
        Dense built = new Dense(2);
        built.call(randn(1, 1, 3), false);
        assertThrows(IllegalStateException.class, () -> built.useBias(false));
    }
}
