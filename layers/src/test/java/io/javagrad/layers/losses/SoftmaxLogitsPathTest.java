package io.javagrad.layers.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.layers.ActivationFunction;
import io.javagrad.layers.SoftmaxOutputs;
import org.junit.jupiter.api.Test;

class SoftmaxLogitsPathTest {

    // The true class (0) gets logit -40 against 0: p = e^-40 / (1 + e^-40), far below the 1e-7 clip.
    private static Tensor confidentlyWrongLogits() {
        return Tensor.of(new double[] {-40, 0}, 1, 2).requiresGrad(true);
    }

    @Test
    void probabilitiesFromTheSoftmaxActivationAreTakenBackToTheirLogits() {
        Tensor logits = confidentlyWrongLogits();
        Tensor probabilities = ActivationFunction.of("softmax").apply(logits);
        assertSame(logits, SoftmaxOutputs.logitsOf(probabilities));
        Tensor loss = new SparseCategoricalCrossentropy().compute(Tensor.of(new double[] {0}), probabilities);
        assertEquals(40 + Math.log1p(Math.exp(-40)), loss.item(), 1e-12, "the exact loss, not -log(1e-7)");
        loss.backward();
        assertEquals(-1, logits.grad().get(0, 0), 1e-12, "a confidently wrong sample keeps its gradient");
    }

    @Test
    void otherProbabilitiesKeepKerasClipping() {
        Tensor logits = confidentlyWrongLogits();
        Tensor probabilities = logits.softmax(-1);
        assertNull(SoftmaxOutputs.logitsOf(probabilities));
        Tensor loss = new SparseCategoricalCrossentropy().compute(Tensor.of(new double[] {0}), probabilities);
        assertEquals(-Math.log(1e-7), loss.item(), 1e-6);
        loss.backward();
        assertEquals(0, logits.grad().get(0, 0), 1e-12, "clipped: no gradient");
    }

    @Test
    void categoricalAndSparseAgreeOnTheLogitPath() {
        Tensor logits = Tensor.of(new double[] {1, 2, 3, -1, 0, 5}, 2, 3);
        Tensor probabilities = ActivationFunction.of("softmax").apply(logits);
        double sparse = new SparseCategoricalCrossentropy().compute(Tensor.of(new double[] {2, 0}), probabilities).item();
        double dense = new CategoricalCrossentropy().compute(Tensor.oneHot(Tensor.of(new double[] {2, 0}), 3),
                probabilities).item();
        assertEquals(sparse, dense, 1e-12);
        assertTrue(sparse > 0);
    }
}
