package io.javagrad.io.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.layers.BatchNorm;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Layer;
import io.javagrad.layers.MultiHeadAttention;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KerasWeightLayoutTest {
    @Test
    void convKernelGoesToHwioAndBack() {
        Tensor oihw = Tensor.arange(DType.FLOAT32, 0, 2 * 3 * 4 * 5, 1).reshape(2, 3, 4, 5);
        Tensor hwio = KerasWeightLayout.conv2dKernelToKeras(oihw);
        assertArrayEquals(new int[] {4, 5, 3, 2}, hwio.shape());
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        assertEquals(oihw.get(o, i, h, w), hwio.get(h, w, i, o));
                    }
                }
            }
        }
        assertArrayEquals(oihw.toFloatArray(), KerasWeightLayout.conv2dKernelFromKeras(hwio).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> KerasWeightLayout.conv2dKernelToKeras(Tensor.zeros(2, 3)));
    }

    @Test
    void conversionFollowsTheOwningLayer() {
        Conv2D conv = new Conv2D(2, 3, 3);
        conv.setName("conv");
        conv.call(Tensor.zeros(1, 1, 5, 5), false);
        Tensor kernel = conv.kernel().value();
        assertArrayEquals(new int[] {3, 3, 1, 2}, KerasWeightLayout.toKeras(conv, "kernel", kernel).shape());
        assertArrayEquals(new int[] {3, 3, 1, 2}, KerasWeightLayout.kerasShape(conv, "kernel", kernel.shape()));
        assertSame(conv.bias().value(), KerasWeightLayout.toKeras(conv, "bias", conv.bias().value()));
        Tensor back = KerasWeightLayout.fromKeras(conv, "kernel", KerasWeightLayout.toKeras(conv, "kernel", kernel));
        assertArrayEquals(kernel.toFloatArray(), back.toFloatArray());

        Dense dense = new Dense(4);
        dense.call(Tensor.zeros(1, 3), false);
        assertSame(dense.kernel().value(), KerasWeightLayout.toKeras(dense, "kernel", dense.kernel().value()));
    }

    @Test
    void kerasOrderPutsTrainableWeightsFirst() {
        BatchNorm bn = new BatchNorm();
        bn.call(Tensor.zeros(2, 3), false);
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), names(bn));

        MultiHeadAttention mha = new MultiHeadAttention(2, 4);
        Tensor x = Tensor.zeros(1, 3, 8);
        mha.call(List.of(x), false);
        assertEquals(List.of("query/kernel", "query/bias", "key/kernel", "key/bias", "value/kernel", "value/bias",
                "attention_output/kernel", "attention_output/bias"), names(mha));
        assertArrayEquals(new int[] {8, 2, 4}, mha.namedWeights().get("query/kernel").value().shape());
    }

    @Test
    void datasetNamesFollowKeras2AndKeras3() {
        assertEquals("dense/kernel:0", KerasWeightLayout.datasetName("dense", "kernel"));
        assertEquals("mha/query/kernel:0", KerasWeightLayout.datasetName("mha", "query/kernel"));
        assertEquals("kernel", KerasWeightLayout.weightPath("dense", "dense/kernel:0"));
        assertEquals("query/kernel", KerasWeightLayout.weightPath("mha", "mha/query/kernel:0"));
        assertEquals("kernel", KerasWeightLayout.weightPath("dense", "sequential/dense/kernel"));
        assertEquals("moving_mean", KerasWeightLayout.weightPath("bn", "batch_normalization/moving_mean:0"));
    }

    @Test
    void flattenedDenseRowsMoveBetweenChannelOrders() {
        int c = 2, h = 3, w = 2, units = 2;
        Tensor channelsLast = Tensor.arange(DType.FLOAT64, 0, c * h * w * units, 1).reshape(c * h * w, units);
        Tensor nchw = KerasWeightLayout.denseKernelFromChannelsLast(channelsLast, c, h, w);
        for (int ci = 0; ci < c; ci++) {
            for (int hi = 0; hi < h; hi++) {
                for (int wi = 0; wi < w; wi++) {
                    for (int u = 0; u < units; u++) {
                        assertEquals(channelsLast.get((hi * w + wi) * c + ci, u), nchw.get((ci * h + hi) * w + wi, u));
                    }
                }
            }
        }
        assertArrayEquals(channelsLast.toDoubleArray(),
                KerasWeightLayout.denseKernelToChannelsLast(nchw, c, h, w).toDoubleArray());
        assertThrows(IllegalArgumentException.class,
                () -> KerasWeightLayout.denseKernelFromChannelsLast(channelsLast, 3, 3, 3));
    }

    private static List<String> names(Layer layer) {
        return KerasWeightLayout.kerasOrder(layer).stream().map(Map.Entry::getKey).toList();
    }

}
