package io.javagrad.optim;

import io.javagrad.core.Autograd;
import io.javagrad.core.Tensor;
import java.util.List;

/**
 * Gradient clipping, in place on the {@code grad()} of each tensor (tensors without a gradient are skipped).
 *
 * <ul>
 *   <li>{@link #clipByNorm}: with the global norm {@code n = sqrt(sum over all gradients of g^2)}, every gradient
 *       is scaled by {@code min(1, maxNorm / (n + 1e-6))}, as {@code torch.nn.utils.clip_grad_norm_}. A non-finite
 *       norm turns the gradients non-finite too; the returned norm shows it.</li>
 *   <li>{@link #clipByValue}: every element is clamped to {@code [-clip, clip]}, as {@code clip_grad_value_}.</li>
 * </ul>
 */
public final class GradientClipping {
    private static final double NORM_EPS = 1e-6;

    private GradientClipping() {}

    /** Scales the gradients so their global L2 norm is at most {@code maxNorm}; returns the norm before clipping. */
    public static double clipByNorm(List<Tensor> params, double maxNorm) {
        Checks.positive("clipByNorm", "maxNorm", maxNorm);
        try (Autograd.Scope scope = Autograd.noGrad()) {
            double sumOfSquares = 0;
            for (Tensor p : params) {
                Tensor grad = p.gradForUpdate();
                if (grad != null) {
                    for (double g : grad.toDoubleArray()) {
                        sumOfSquares += g * g;
                    }
                }
            }
            double norm = Math.sqrt(sumOfSquares);
            double scale = maxNorm / (norm + NORM_EPS);
            if (!(scale >= 1)) {
                for (Tensor p : params) {
                    Tensor grad = p.gradForUpdate();
                    if (grad != null) {
                        grad.mulInPlace(scale);
                    }
                }
            }
            return norm;
        }
    }

    /** Clamps every gradient element to {@code [-clip, clip]}. */
    public static void clipByValue(List<Tensor> params, double clip) {
        Checks.positive("clipByValue", "clip", clip);
        try (Autograd.Scope scope = Autograd.noGrad()) {
            for (Tensor p : params) {
                Tensor grad = p.gradForUpdate();
                if (grad != null) {
                    grad.clampInPlace(-clip, clip);
                }
            }
        }
    }
}
