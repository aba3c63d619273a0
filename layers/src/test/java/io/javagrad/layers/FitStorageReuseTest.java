package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.optim.Adam;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code fit} reuses a step's intermediate storage (a {@link io.javagrad.core.BufferPool}) only when the model and its
 * losses are the library's own code, and training gives the same weights either way; what a user may still hold
 * after a step (outputs, attention weights, activity penalties, a custom layer's tensors) stays readable.
 */
class FitStorageReuseTest {
    private static final FitOptions TWO_EPOCHS = FitOptions.defaults().verbose(false).epochs(2).batchSize(8);

    private static Sequential convNet() {
        Sequential model = new Sequential(1, 8, 8);
        model.add(new Conv2D(3, 3, 3).activation("relu"));
        model.add(new MaxPool2D());
        model.add(new BatchNorm());
        model.add(new Flatten());
        model.add(new Dropout(0.25));
        model.add(new Dense(6).activation("tanh").setActivityRegularizer(Regularizers.l2(0.01)));
        model.add(new Dense(3).activation("softmax"));
        model.setSeed(11);
        return model;
    }

    private static Sequential attentionNet() {
        Sequential model = new Sequential(4, 6);
        model.add(new MultiHeadAttention(2, 3).dropout(0.1));
        model.add(new LayerNorm());
        model.add(new Flatten());
        model.add(new Dense(3).activation("softmax"));
        model.setSeed(12);
        return model;
    }

    /** The library's loss behind a class of the test's own: fit cannot vouch for it, so it reuses nothing. */
    private static Loss userLoss(Loss library) {
        return new Loss() {
            @Override
            public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                return library.compute(yTrue, yPred, sampleWeight);
            }

            @Override
            public String name() {
                return library.name();
            }

            @Override
            public Map<String, Object> getConfig() {
                return library.getConfig();
            }
        };
    }

    private static History fit(Sequential model, Loss loss, int[] inputShape) {
        Loss metricLoss = Losses.sparseCategoricalCrossentropy(false);
        model.compile(new Adam(0.01), loss, Metrics.accuracyFor(metricLoss));
        Tensor x = Tensor.randn(new Rng(3), DType.FLOAT32, inputShape);
        float[] classes = new float[inputShape[0]];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (i * 7) % 3;
        }
        return model.fit(x, Tensor.of(classes, classes.length), TWO_EPOCHS);
    }

    private static void assertSameTraining(Supplier<Sequential> build, int[] inputShape) {
        Loss library = Losses.sparseCategoricalCrossentropy(false);
        Sequential reusing = build.get();
        Sequential plain = build.get();
        History a = fit(reusing, library, inputShape);
        History b = fit(plain, userLoss(library), inputShape);
        assertEquals(b.get("loss"), a.get("loss"));
        assertEquals(b.get("accuracy"), a.get("accuracy"));
        List<Weight> wa = reusing.weights();
        List<Weight> wb = plain.weights();
        assertEquals(wb.size(), wa.size());
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wb.get(i).value().toFloatArray(), wa.get(i).value().toFloatArray(), 0,
                    wa.get(i).name());
        }
    }

    @Test
    void trainingGivesTheSameWeightsWithAndWithoutStorageReuse() {
        assertSameTraining(FitStorageReuseTest::convNet, new int[] {20, 1, 8, 8});
        assertSameTraining(FitStorageReuseTest::attentionNet, new int[] {20, 4, 6});
    }

    @Test
    void whatAUserCanStillReachAfterFitStaysReadable() {
        Sequential conv = convNet();
        fit(conv, Losses.sparseCategoricalCrossentropy(false), new int[] {20, 1, 8, 8});
        List<Tensor> penalties = conv.layers().get(5).losses();
        assertEquals(1, penalties.size());
        assertTrue(penalties.get(0).item() > 0, "the last step's activity penalty");

        Sequential attention = attentionNet();
        fit(attention, Losses.sparseCategoricalCrossentropy(false), new int[] {20, 4, 6});
        MultiHeadAttention mha = (MultiHeadAttention) attention.layers().get(0);
        float[] weights = mha.lastAttentionWeights().toFloatArray();
        assertEquals(4 * 2 * 4 * 4, weights.length, "the last batch of 4 samples, 2 heads, 4 x 4 positions");
        float rowSum = weights[0] + weights[1] + weights[2] + weights[3];
        assertEquals(1, rowSum, 1e-5);
    }

    /** A layer of the user's that keeps its last input: fit must then reuse nothing, or that tensor would be lost. */
    private static final class Remembering extends Layer {
        Tensor lastInput;

        Remembering() {
            super(null);
        }

        @Override
        protected Tensor forward(List<Tensor> inputs, boolean training) {
            lastInput = inputs.get(0);
            return inputs.get(0).mul(2);
        }
    }

    @Test
    void aModelWithAUserLayerReusesNothing() {
        Sequential model = new Sequential(5);
        model.add(new Dense(4).activation("relu"));
        Remembering remembering = new Remembering();
        model.add(remembering);
        model.add(new Dense(3).activation("softmax"));
        model.setSeed(5);
        assertFalse(model.isLibraryCode());
        fit(model, Losses.sparseCategoricalCrossentropy(false), new int[] {12, 5});
        assertEquals(4 * 4, remembering.lastInput.toFloatArray().length, "the last batch of 4 samples");
        assertTrue(convNet().isLibraryCode());
    }
}
