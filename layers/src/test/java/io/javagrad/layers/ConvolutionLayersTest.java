package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertLayerGradients;
import static io.javagrad.layers.LayerChecks.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Autograd;
import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvolutionLayersTest {

    @Test
    void conv2dComputesTheCrossCorrelationPlusBias() {
        Conv2D conv = new Conv2D(1, 2, 2);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        conv.call(x, false);
        assertArrayEquals(new int[] {1, 1, 2, 2}, conv.kernel().value().shape());
        conv.kernel().assign(Tensor.of(new double[] {1, 0, 0, -1}, 1, 1, 2, 2));
        conv.bias().assign(Tensor.of(new double[] {10}));
        assertArrayEquals(new double[] {6, 6, 6, 6}, conv.call(x, false).toDoubleArray(), 0);
        assertEquals(List.of("kernel", "bias"), List.copyOf(conv.namedWeights().keySet()));
    }

    @Test
    void samePaddingGivesCeilOfInputOverStride() {
        Conv2D conv = new Conv2D(4, 3, 3).strides(2, 2).padding("same");
        assertArrayEquals(new int[] {2, 4, 3, 4}, conv.call(randn(1, 2, 3, 5, 7), false).shape());
        Conv2D dilated = new Conv2D(2, 3, 3).dilationRate(2, 2).padding("same");
        assertArrayEquals(new int[] {1, 2, 6, 6}, dilated.call(randn(2, 1, 3, 6, 6), false).shape());
    }

    @Test
    void conv2dGradients() {
        assertLayerGradients(new Conv2D(2, 2, 3).activation("tanh"), randn(1, 2, 2, 4, 4));
        assertLayerGradients(new Conv2D(2, 3, 3).strides(2, 1).padding("same").useBias(false), randn(2, 1, 2, 5, 4));
        assertLayerGradients(new Conv2D(1, 2, 2).dilationRate(2, 1), randn(3, 1, 1, 5, 4).transpose(2, 3));
    }

    @Test
    void conv2dConfigRoundTripAndValidation() {
        Conv2D conv = new Conv2D(3, 2, 2).strides(1, 2).padding("same").activation("relu")
                .kernelRegularizer(Regularizers.l2(1e-3)).biasInitializer(Initializers.constant(0.1));
        Map<String, Object> config = assertConfigRoundTrip(conv, randn(4, 2, 2, 5, 5)).getConfig();
        assertEquals("channels_first", config.get("data_format"));
        assertEquals(List.of(2, 2), config.get("kernel_size"));
        Map<String, Object> nhwc = new java.util.HashMap<>(config);
        nhwc.put("data_format", "channels_last");
        assertThrows(IllegalArgumentException.class, () -> Conv2D.fromConfig(nhwc));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(1, 3, 3).padding("full"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(1, 3, 3).strides(2, 2).dilationRate(2, 2));
        Conv2D built = new Conv2D(4, 3, 3);
        built.setName("conv");
        built.call(randn(5, 1, 3, 8, 8), false);
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> built.call(randn(6, 1, 1, 8, 8), false));
        assertEquals("Conv2D 'conv': expected 3 input channels, got 1 (input shape [1, 1, 8, 8])", channels.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> built.call(randn(6, 3, 8), false));
        assertEquals("Conv2D 'conv': expected a rank-4 input [N, C, H, W], got shape [3, 8]", rank.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> built.call(randn(6, 1, 3, 2, 8), false));
        assertEquals("Conv2D 'conv': the 3x3 kernel (dilation [1, 1]) does not fit input shape [1, 3, 2, 8] with"
                + " padding \"valid\"", small.getMessage());
        IllegalStateException bias = assertThrows(IllegalStateException.class, () -> built.useBias(false));
        assertEquals("Conv2D 'conv': cannot change use_bias after the layer was built", bias.getMessage());
    }

    private static final Tensor GRID = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);

    @Test
    void poolingValidAndSame() {
        assertArrayEquals(new double[] {5}, new MaxPool2D().call(GRID, false).toDoubleArray(), 0);
        assertArrayEquals(new double[] {5, 6, 8, 9},
                new MaxPool2D(new int[] {2, 2}, null, "same").call(GRID, false).toDoubleArray(), 0);
        assertArrayEquals(new double[] {5, 6, 8, 9},
                new MaxPool2D(new int[] {2, 2}, new int[] {1, 1}, "valid").call(GRID, false).toDoubleArray(), 0);
        assertArrayEquals(new double[] {3}, new AvgPool2D().call(GRID, false).toDoubleArray(), 0);
        // "same" average pooling counts only the input elements in each window, as Keras
        assertArrayEquals(new double[] {3, 4.5, 7.5, 9},
                new AvgPool2D(new int[] {2, 2}, null, "same").call(GRID, false).toDoubleArray(), 0);
    }

    @Test
    void poolingGradientsConfigsAndErrors() {
        assertLayerGradients(new MaxPool2D(new int[] {2, 2}, new int[] {1, 2}, "same"), randn(1, 2, 2, 4, 5));
        assertLayerGradients(new AvgPool2D(new int[] {3, 2}, null, "same"), randn(2, 1, 2, 4, 5));
        assertConfigRoundTrip(new MaxPool2D(new int[] {3, 3}, new int[] {2, 2}, "same"), randn(3, 1, 2, 6, 6));
        assertConfigRoundTrip(new AvgPool2D(), randn(4, 1, 2, 6, 6));
        assertEquals("MaxPooling2D", new MaxPool2D().className());
        assertEquals("AveragePooling2D", new AvgPool2D().className());
        assertEquals(List.of(3, 3), LayerRegistry.create("MaxPooling2D", Map.of("pool_size", 3)).getConfig().get("strides"));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2D(new int[] {0, 2}, null, "valid"));
        MaxPool2D pool = new MaxPool2D(new int[] {4, 4}, null, "valid");
        pool.setName("pool");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.call(GRID, false));
        assertEquals("MaxPooling2D 'pool': pool size [4, 4] is larger than the input's height and width (input shape"
                + " [1, 1, 3, 3])", e.getMessage());
    }

    @Test
    void sequentialRunsAReluConvolutionAndTheMaxPoolAfterItAsOneOpWithTheSameResults() {
        Conv2D conv1 = new Conv2D(3, 3, 3).activation("relu");
        MaxPool2D pool1 = new MaxPool2D(new int[] {2, 2}, null, "same");
        Conv2D conv2 = new Conv2D(2, 2, 2).activation("relu");
        MaxPool2D pool2 = new MaxPool2D();
        Sequential model = new Sequential(2, 9, 9);
        for (Layer layer : List.of(conv1, pool1, conv2, pool2)) {
            model.add(layer);
        }
        model.setSeed(5);
        model.call(randn(6, 1, 2, 9, 9), false);
        model.toDtype(DType.FLOAT64);
        Tensor x = randn(6, 2, 2, 9, 9).requiresGrad(true);
        Tensor fused = model.call(x, true);
        assertEquals("conv2dReluMaxPool", fused.gradFn().op());
        assertTrue(pool1.isBuilt() && pool2.isBuilt());
        Tensor separate = pool2.call(conv2.call(pool1.call(conv1.call(x, true), true), true), true);
        assertEquals("maxPool2d", separate.gradFn().op());
        assertArrayEquals(separate.toDoubleArray(), fused.toDoubleArray(), 0);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        model.weights().forEach(w -> inputs.add(w.value()));
        Tensor g = randn(7, fused.shape());
        List<Tensor> expected = Autograd.grad(List.of(separate), inputs, List.of(g), false, false, false);
        List<Tensor> actual = Autograd.grad(List.of(fused), inputs, List.of(g), false, false, false);
        for (int i = 0; i < inputs.size(); i++) {
            assertArrayEquals(expected.get(i).toDoubleArray(), actual.get(i).toDoubleArray(), 0, "gradient " + i);
        }
        assertLayerGradients(model, randn(8, 1, 2, 9, 9));
    }

    @Test
    void aFunctionalModelFusesAConvolutionWithTheMaxPoolThatAloneReadsIt() {
        Conv2D conv = new Conv2D(3, 3, 3).activation("relu");
        MaxPool2D pool = new MaxPool2D();
        Input in = Input.of("images", DType.FLOAT64, 2, 9, 9);
        SymbolicTensor convolved = conv.apply(in);
        Model model = new Model(in, pool.apply(convolved));
        Tensor x = randn(6, 2, 2, 9, 9).requiresGrad(true);
        Tensor fused = model.call(x, true);
        assertEquals("conv2dReluMaxPool", fused.gradFn().op());
        Tensor separate = pool.call(conv.call(x, true), true);
        assertArrayEquals(separate.toDoubleArray(), fused.toDoubleArray(), 0);
        List<Tensor> inputs = List.of(x, conv.kernel().value(), conv.bias().value());
        Tensor g = randn(7, fused.shape());
        List<Tensor> expected = Autograd.grad(List.of(separate), inputs, List.of(g), false, false, false);
        List<Tensor> actual = Autograd.grad(List.of(fused), inputs, List.of(g), false, false, false);
        for (int i = 0; i < inputs.size(); i++) {
            assertArrayEquals(expected.get(i).toDoubleArray(), actual.get(i).toDoubleArray(), 0, "gradient " + i);
        }
        // The convolution's output is needed on its own when it is also a model output, or read by another layer.
        Model twoOutputs = new Model(List.of(in), List.of(pool.apply(convolved), convolved));
        assertEquals("maxPool2d", twoOutputs.callAll(List.of(x), true).get(0).gradFn().op());
        Model twoReaders = new Model(in, new Add().apply(List.of(pool.apply(convolved),
                new MaxPool2D().apply(convolved))));
        Tensor sum = twoReaders.call(x, true);
        assertArrayEquals(separate.mul(2).toDoubleArray(), sum.toDoubleArray(), 0);
        assertEquals("add", sum.gradFn().op());
        assertEquals("maxPool2d", sum.gradFn().inputs().get(0).gradFn().op());
    }

    @Test
    void aConvolutionWhoseOutputIsRegularizedIsNotFused() {
        Conv2D conv = new Conv2D(2, 3, 3).activation("relu");
        conv.setActivityRegularizer(Regularizers.l2(0.5));
        Sequential model = new Sequential(1, 6, 6);
        model.add(conv);
        model.add(new MaxPool2D());
        Tensor y = model.call(randn(9, 2, 1, 6, 6), true);
        assertEquals("maxPool2d", y.gradFn().op());
        assertEquals(1, conv.losses().size());
    }

    @Test
    void globalPooling() {
        assertArrayEquals(new double[] {5}, new GlobalAveragePooling2D().call(GRID, false).toDoubleArray(), 0);
        assertArrayEquals(new int[] {1, 1}, new GlobalMaxPooling2D().call(GRID, false).shape());
        assertArrayEquals(new int[] {1, 1, 1, 1}, new GlobalMaxPooling2D(true).call(GRID, false).shape());
        assertEquals(9, new GlobalMaxPooling2D().call(GRID, false).item(), 0);
        assertLayerGradients(new GlobalAveragePooling2D(), randn(1, 2, 3, 2, 3));
        assertLayerGradients(new GlobalMaxPooling2D(), randn(2, 2, 3, 2, 3));
        assertConfigRoundTrip(new GlobalMaxPooling2D(true), randn(3, 2, 3, 2, 2));
        assertConfigRoundTrip(new GlobalAveragePooling2D(), randn(3, 2, 3, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new GlobalAveragePooling2D().call(randn(4, 2, 3), false));
    }
}
