package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;

/**
 * Random tensors drawn in parallel: each element's draw is found from its index ({@link Rng#skip},
 * {@link Rng#bitsAt}), so the values are those of drawing the elements one by one in order, whatever the threads.
 */
final class RandomMasks {
    private RandomMasks() {}

    // m = [u >= rate] / (1 - rate), u uniform in [0, 1) rounded to the dtype
    static Tensor dropout(Rng rng, DType dtype, double rate, int[] shape) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropoutMask: rate must be in [0, 1), got " + rate);
        }
        Tensor m = Tensor.uninitialized(dtype, shape.clone());
        int n = m.numel();
        long counter = rng.skip(n);
        long least = leastKeptBits(rate, dtype);
        double scale = 1 / (1 - rate);
        // Kept iff bits >= least, as a mask rather than a branch: the draws are random, so a branch would mispredict
        // half the time (measured: 10 ns an element with it, 2 ns without). bits - least is negative iff dropped.
        ParallelFor.run(n, n * ParallelFor.ELEMENT_WORK, (from, to) -> {
            if (m.f != null) {
                float[] out = m.f;
                int keep = Float.floatToRawIntBits((float) scale);
                for (int i = from; i < to; i++) {
                    out[i] = Float.intBitsToFloat(keep & (int) ~((Rng.bitsAt(counter, i) - least) >> 63));
                }
            } else {
                double[] out = m.d;
                long keep = Double.doubleToRawLongBits(scale);
                for (int i = from; i < to; i++) {
                    out[i] = Double.longBitsToDouble(keep & ~((Rng.bitsAt(counter, i) - least) >> 63));
                }
            }
        });
        return m;
    }

    /**
     * The fewest random bits whose draw, rounded to {@code dtype}, is at least {@code rate} (the draw grows with the
     * bits, and so does its rounding): an element is kept iff its bits reach this.
     */
    static long leastKeptBits(double rate, DType dtype) {
        long lo = 0;
        long hi = 1L << 53; // a draw of 2^53 bits would be 1 > rate
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            double u = Rng.unit(mid);
            boolean reaches = dtype == DType.FLOAT32 ? (float) u >= (float) rate : u >= rate;
            if (reaches) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
