package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertLayerGradients;
import static io.javagrad.layers.LayerChecks.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttentionLayersTest {

    /** Multi-head attention written out with loops over the layer's weights. */
    private static double[][][] naiveAttention(MultiHeadAttention mha, Tensor q, Tensor v, Tensor k, Tensor mask) {
        Map<String, Weight> w = mha.namedWeights();
        Tensor wq = w.get("query/kernel").value();
        Tensor wk = w.get("key/kernel").value();
        Tensor wv = w.get("value/kernel").value();
        Tensor wo = w.get("attention_output/kernel").value();
        int b = q.shape(0);
        int tq = q.shape(1);
        int tv = v.shape(1);
        int heads = wq.shape(1);
        int kd = wq.shape(2);
        int vd = wv.shape(2);
        int out = wo.shape(2);
        double[][][] result = new double[b][tq][out];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < tq; i++) {
                for (int o = 0; o < out; o++) {
                    result[n][i][o] = w.get("attention_output/bias").value().get(o);
                }
                for (int h = 0; h < heads; h++) {
                    double[] scores = new double[tv];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < tv; j++) {
                        double s = 0;
                        for (int e = 0; e < kd; e++) {
                            double qe = w.get("query/bias").value().get(h, e);
                            for (int d = 0; d < q.shape(2); d++) {
                                qe += q.get(n, i, d) * wq.get(d, h, e);
                            }
                            double ke = w.get("key/bias").value().get(h, e);
                            for (int d = 0; d < k.shape(2); d++) {
                                ke += k.get(n, j, d) * wk.get(d, h, e);
                            }
                            s += qe * ke;
                        }
                        scores[j] = mask != null && mask.get(n, i, j) == 0 ? Double.NEGATIVE_INFINITY : s / Math.sqrt(kd);
                        max = Math.max(max, scores[j]);
                    }
                    double total = 0;
                    for (int j = 0; j < tv; j++) {
                        scores[j] = Math.exp(scores[j] - max);
                        total += scores[j];
                    }
                    for (int e = 0; e < vd; e++) {
                        double context = 0;
                        for (int j = 0; j < tv; j++) {
                            double ve = w.get("value/bias").value().get(h, e);
                            for (int d = 0; d < v.shape(2); d++) {
                                ve += v.get(n, j, d) * wv.get(d, h, e);
                            }
                            context += scores[j] / total * ve;
                        }
                        for (int o = 0; o < out; o++) {
                            result[n][i][o] += context * wo.get(h, e, o);
                        }
                    }
                }
            }
        }
        return result;
    }

    private static MultiHeadAttention withRandomBiases(MultiHeadAttention mha) {
        mha.initializers(null, Initializers.randomNormal(0, 0.5));
        return mha;
    }

    @Test
    void matchesANaiveComputationWithKerasWeightLayout() {
        MultiHeadAttention mha = withRandomBiases(new MultiHeadAttention(2, 3).valueDim(2).outputShape(5));
        mha.setSeed(1);
        Tensor q = randn(1, 2, 3, 4);
        Tensor v = randn(2, 2, 5, 6);
        Tensor k = randn(3, 2, 5, 3);
        Tensor mask = Tensor.rand(4, 2, 3, 5).gt(0.3).to(io.javagrad.core.DType.FLOAT64);
        mask.set(1, 0, 0, 0);
        Tensor y = mha.call(q, v, k, mask, false);
        assertArrayEquals(new int[] {2, 3, 5}, y.shape());
        assertEquals(List.of("query/kernel", "query/bias", "key/kernel", "key/bias", "value/kernel", "value/bias",
                "attention_output/kernel", "attention_output/bias"), List.copyOf(mha.namedWeights().keySet()));
        assertArrayEquals(new int[] {4, 2, 3}, mha.namedWeights().get("query/kernel").value().shape());
        assertArrayEquals(new int[] {2, 2, 5}, mha.namedWeights().get("attention_output/kernel").value().shape());
        assertArrayEquals(Tensor.of(naiveAttention(mha, q, v, k, mask)).toDoubleArray(), y.toDoubleArray(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mha.call(List.of(randn(5, 2, 3, 4)), false));
        assertEquals("EinsumDense 'key': expected the last input dimensions to be [3], got input shape [2, 3, 4]",
                e.getMessage());
    }

    @Test
    void theCausalMaskGivesFuturePositionsZeroWeight() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 2).useCausalMask(true);
        Tensor x = randn(1, 2, 4, 4);
        mha.call(List.of(x), false);
        Tensor weights = mha.lastAttentionWeights();
        assertArrayEquals(new int[] {2, 2, 4, 4}, weights.shape());
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < 4; i++) {
                    double rowSum = 0;
                    for (int j = 0; j < 4; j++) {
                        if (j > i) {
                            assertEquals(0, weights.get(b, h, i, j), 0);
                        }
                        rowSum += weights.get(b, h, i, j);
                    }
                    assertEquals(1, rowSum, 1e-12);
                }
            }
        }
        MultiHeadAttention explicit = new MultiHeadAttention(2, 2);
        explicit.call(x, x, x, lowerTriangle(2, 4), false);
        assertArrayEquals(weights.toDoubleArray(), explicit.lastAttentionWeights().toDoubleArray(), 1e-15);
    }

    private static Tensor lowerTriangle(int batch, int t) {
        Tensor m = Tensor.zeros(io.javagrad.core.DType.FLOAT64, batch, t, t);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < t; i++) {
                for (int j = 0; j <= i; j++) {
                    m.set(1, b, i, j);
                }
            }
        }
        return m;
    }

    @Test
    void gradientsThroughAttentionWithMaskAndDropout() {
        MultiHeadAttention mha = withRandomBiases(new MultiHeadAttention(2, 2).valueDim(3));
        assertLayerGradients(mha, randn(1, 2, 3, 4), randn(2, 2, 2, 3));
        MultiHeadAttention causal = new MultiHeadAttention(1, 2).useCausalMask(true).dropout(0.3);
        assertLayerGradients(causal, true, () -> causal.setSeed(9), randn(3, 1, 3, 2));
    }

    @Test
    void dropoutOnAttentionWeightsOnlyInTraining() {
        MultiHeadAttention mha = new MultiHeadAttention(1, 2).dropout(0.5);
        Tensor x = randn(1, 1, 6, 2);
        Tensor inference = mha.call(List.of(x), false);
        assertArrayEquals(inference.toDoubleArray(), mha.call(List.of(x), false).toDoubleArray(), 0);
        mha.setSeed(3);
        assertTrue(!java.util.Arrays.equals(inference.toDoubleArray(), mha.call(List.of(x), true).toDoubleArray()));
    }

    @Test
    void attentionConfigAndErrors() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3).valueDim(4).outputShape(2).dropout(0.1).useBias(false);
        mha.setName("mha");
        Map<String, Object> config = assertConfigRoundTrip(mha, randn(1, 2, 3, 5)).getConfig();
        assertEquals(false, config.containsKey("use_causal_mask"));
        assertEquals(true, assertConfigRoundTrip(new MultiHeadAttention(1, 2).useCausalMask(true), randn(2, 1, 2, 3))
                .getConfig().get("use_causal_mask"));
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(1, 2).dropout(1));
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                () -> mha.call(List.of(randn(1, 2, 3, 5), randn(2, 2, 4, 5), randn(3, 2, 3, 5)), false));
        assertEquals("MultiHeadAttention 'mha': expected query [B, Tq, Dq], value [B, Tv, Dv] and key [B, Tv, Dk], got"
                + " query [2, 3, 5], value [2, 4, 5], key [2, 3, 5]", shapes.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> mha.call(randn(1, 2, 3, 5), randn(2, 2, 4, 5), randn(3, 2, 4, 5), randn(4, 2, 4, 3), false));
        assertEquals("MultiHeadAttention 'mha': expected a mask of shape [2, 3, 4] [B, Tq, Tv], got [2, 4, 3]",
                mask.getMessage());
    }

    @Test
    void positionalEncodingAddsSinesAndCosines() {
        PositionalEncoding pe = new PositionalEncoding();
        Tensor zeros = Tensor.zeros(io.javagrad.core.DType.FLOAT64, 2, 5, 6);
        Tensor y = pe.call(zeros, false);
        assertEquals(Math.sin(3), y.get(1, 3, 0), 1e-15);
        assertEquals(Math.cos(3), y.get(1, 3, 1), 1e-15);
        assertEquals(Math.sin(4 / Math.pow(10000, 2 / 6.0)), y.get(0, 4, 2), 1e-15);
        assertEquals(Math.cos(4 / Math.pow(10000, 4 / 6.0)), y.get(0, 4, 5), 1e-15);
        assertEquals(0, pe.countParams());
        assertLayerGradients(new PositionalEncoding(100), randn(1, 2, 3, 5));
        assertConfigRoundTrip(new PositionalEncoding(500), randn(2, 1, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> pe.call(randn(3, 4, 6), false));
    }

    @Test
    void transformerEncoderBlockIsBuiltFromItsParts() {
        TransformerEncoderBlock block = new TransformerEncoderBlock(4, 2, 6).activation("gelu");
        Tensor x = randn(1, 2, 3, 4);
        Tensor y = block.call(x, false);
        assertArrayEquals(new int[] {2, 3, 4}, y.shape());
        assertTrue(block.namedWeights().containsKey("self_attention/query/kernel"));
        assertTrue(block.namedWeights().containsKey("ffn_intermediate/kernel"));
        assertTrue(block.namedWeights().containsKey("ffn_norm/gamma"));
        // each output position is layer-normalised over the model dimension
        assertEquals(0, y.mean(-1, false).abs().amax(new int[0], false).item(), 1e-12);
        int expected = 4 * (4 * 4 + 4) + 2 * 4 + (4 * 6 + 6) + (6 * 4 + 4) + 2 * 4;
        assertEquals(expected, block.countParams());
    }

    @Test
    void transformerGradientsCausalityConfigAndErrors() {
        TransformerEncoderBlock block = new TransformerEncoderBlock(4, 2, 3).dropout(0.2).causal(true);
        assertLayerGradients(block, true, () -> block.setSeed(5), randn(2, 1, 3, 4));
        // causal: changing the last position leaves the first positions' outputs unchanged
        Tensor x = randn(3, 1, 3, 4);
        Tensor before = block.call(x, false);
        x.set(10, 0, 2, 1);
        Tensor after = block.call(x, false);
        assertArrayEquals(before.slice(1, 0, 2).toDoubleArray(), after.slice(1, 0, 2).toDoubleArray(), 1e-12);
        assertConfigRoundTrip(block, randn(4, 2, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> new TransformerEncoderBlock(5, 2, 3));
        TransformerEncoderBlock t = new TransformerEncoderBlock(4, 2, 3);
        t.setName("enc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.call(randn(5, 2, 3, 5), false));
        assertEquals("TransformerEncoderBlock 'enc': expected an input [B, T, 4], got shape [2, 3, 5]", e.getMessage());
    }

    @Test
    void distinctPartsGetDistinctInitialWeights() {
        MultiHeadAttention mha = new MultiHeadAttention(1, 4);
        mha.call(List.of(randn(1, 1, 2, 4)), false);
        assertTrue(!java.util.Arrays.equals(mha.namedWeights().get("query/kernel").value().toDoubleArray(),
                mha.namedWeights().get("key/kernel").value().toDoubleArray()));
    }
}
