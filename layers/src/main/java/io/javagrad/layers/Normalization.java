package io.javagrad.layers;

import io.javagrad.core.Tensor;

/** The arithmetic BatchNorm and LayerNorm share: moments over axes and the affine normalisation. */
final class Normalization {
    private Normalization() {}

    /** Mean and biased variance of {@code x} over {@code axes}, keeping those axes with size 1. */
    static Tensor[] moments(Tensor x, int[] axes) {
        Tensor mean = x.mean(axes, true);
        Tensor variance = x.sub(mean).square().mean(axes, true);
        return new Tensor[] {mean, variance};
    }

    /** {@code (x - mean) / sqrt(variance + epsilon) * gamma + beta}; {@code gamma} and {@code beta} may be null. */
    static Tensor normalize(Tensor x, Tensor mean, Tensor variance, double epsilon, Tensor gamma, Tensor beta) {
        Tensor out = x.sub(mean).div(variance.add(epsilon).sqrt());
        if (gamma != null) {
            out = out.mul(gamma);
        }
        if (beta != null) {
            out = out.add(beta);
        }
        return out;
    }

    /** A shape of {@code rank} ones except at {@code axes}, where it takes {@code full}'s sizes (for broadcasting). */
    static int[] broadcastShape(int[] full, int[] axes) {
        int[] shape = new int[full.length];
        java.util.Arrays.fill(shape, 1);
        for (int a : axes) {
            shape[a] = full[a];
        }
        return shape;
    }
}
