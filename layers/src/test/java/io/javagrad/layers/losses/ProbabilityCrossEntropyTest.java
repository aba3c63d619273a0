package io.javagrad.layers.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** The one-node cross-entropy from probabilities against the op chain it replaces. */
class ProbabilityCrossEntropyTest {
    private static final double LOW = BinaryCrossentropy.EPSILON;

    private static Tensor chain(Tensor y, Tensor p) {
        return p.div(p.sum(-1, true)).clamp(LOW, 1 - LOW).log().mul(y).sum(-1, false).neg();
    }

    /** Scores of shape [2, 3, 4] with a zero (clipped low) and a row that is all one class (clipped high). */
    private static Tensor scores(DType dtype) {
        Tensor p = Tensor.uniform(new Rng(1), DType.FLOAT64, 0.05, 1, 2, 3, 4);
        p.set(0, 0, 0, 1);
        p.set(0, 1, 0, 0);
        p.set(0, 1, 0, 2);
        p.set(0, 1, 0, 3);
        return p.to(dtype);
    }

    @Test
    void valuesAndGradientsMatchTheChainWithAndWithoutClippedEntries() {
        for (DType dtype : DType.values()) {
            Tensor unclipped = Tensor.uniform(new Rng(6), dtype, 0.05, 1, 2, 3, 4);
            for (Tensor p : new Tensor[] {scores(dtype), unclipped}) {
                Tensor soft = Tensor.uniform(new Rng(2), dtype, 0, 1, 2, 3, 4);
                Tensor[] fused = {p.cloneTensor().requiresGrad(true), soft.cloneTensor().requiresGrad(true)};
                Tensor[] plain = {p.cloneTensor().requiresGrad(true), soft.cloneTensor().requiresGrad(true)};
                Tensor a = ProbabilityCrossEntropy.perPosition(fused[1], fused[0]);
                Tensor b = chain(plain[1], plain[0]);
                double tolerance = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
                assertArrayEquals(b.toDoubleArray(), a.toDoubleArray(), tolerance);
                Tensor weights = Tensor.uniform(new Rng(3), dtype, 0.5, 2, 2, 3);
                a.mul(weights).sum().backward();
                b.mul(weights).sum().backward();
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(plain[i].grad().toDoubleArray(), fused[i].grad().toDoubleArray(), tolerance * 10);
                }
            }
        }
    }

    @Test
    void gradientsOfBothInputsPassTheNumericalCheck() {
        // nothing is clipped here, so this checks the backward's unclipped branch (and the transposed layout)
        Tensor p = Tensor.uniform(new Rng(4), DType.FLOAT64, 0.1, 1, 3, 4).requiresGrad(true);
        Tensor y = Tensor.uniform(new Rng(5), DType.FLOAT64, 0, 1, 3, 4).requiresGrad(true);
        GradCheck.assertGradients(in -> ProbabilityCrossEntropy.perPosition(in[1], in[0]).square().sum(), p, y);
        Tensor transposed = Tensor.zeros(DType.FLOAT64, 4, 3).t();
        transposed.copyFrom(p.detach());
        GradCheck.assertGradients(in -> ProbabilityCrossEntropy.perPosition(y.detach(), in[0]).sum(),
                transposed.requiresGrad(true));
    }
}
