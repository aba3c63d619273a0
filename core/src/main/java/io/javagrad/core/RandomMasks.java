package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;

/**
 * Random tensors drawn in parallel: each element's draw is found from its index ({@link Rng#skip},
 * {@link Rng#doubleAt}), so the values are those of drawing the elements one by one in order, whatever the threads.
 */
final class RandomMasks {
    private RandomMasks() {}

    // m = [u >= rate] / (1 - rate), u uniform in [0, 1) rounded to the dtype
    static Tensor dropout(Rng rng, DType dtype, double rate, int[] shape) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropoutMask: rate must be in [0, 1), got " + rate);
        }
        Tensor m = Tensor.empty(dtype, shape.clone());
        int n = m.numel();
        long counter = rng.skip(n);
        double scale = 1 / (1 - rate);
        ParallelFor.run(n, n * ParallelFor.ELEMENT_WORK, (from, to) -> {
            if (m.f != null) {
                float threshold = (float) rate;
                float keep = (float) scale;
                for (int i = from; i < to; i++) {
                    m.f[i] = (float) Rng.doubleAt(counter, i) >= threshold ? keep : 0f;
                }
            } else {
                for (int i = from; i < to; i++) {
                    m.d[i] = Rng.doubleAt(counter, i) >= rate ? scale : 0;
                }
            }
        });
        return m;
    }
}
