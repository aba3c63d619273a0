package io.javagrad.io.plot;

/**
 * Equal-width bins over the range of some values, as {@link Plots#histogram} draws them. Bin {@code i} holds the
 * values in {@code [edge(i), edge(i + 1))}; the last bin also holds the maximum. When all values are equal the range
 * is that value plus and minus 0.5. NaN and infinite values are left out and counted in {@link #skipped()}.
 */
public final class HistogramBins {
    private final double lower;
    private final double upper;
    private final long[] counts;
    private final long skipped;

    private HistogramBins(double lower, double upper, long[] counts, long skipped) {
        this.lower = lower;
        this.upper = upper;
        this.counts = counts;
        this.skipped = skipped;
    }

    /** Sorts {@code values} (at least one) into {@code bins} (>= 1) equal-width bins from their minimum to their maximum. */
    public static HistogramBins of(double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("HistogramBins: bins must be >= 1, got " + bins);
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("HistogramBins: no values to bin");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long skipped = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            } else {
                skipped++;
            }
        }
        if (skipped == values.length) {
            return new HistogramBins(0, 1, new long[bins], skipped);
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[Math.min(bins - 1, (int) ((v - min) / (max - min) * bins))]++;
            }
        }
        return new HistogramBins(min, max, counts, skipped);
    }

    /** The number of bins. */
    public int bins() {
        return counts.length;
    }

    /** The left edge of bin {@code i}; {@code edge(bins())} is the right edge of the last bin. */
    public double edge(int i) {
        if (i < 0 || i > counts.length) {
            throw new IllegalArgumentException("HistogramBins: edge index " + i + " outside [0, " + counts.length + "]");
        }
        return i == counts.length ? upper : lower + (upper - lower) * i / counts.length;
    }

    /** A copy of the counts, bin 0 first. */
    public long[] counts() {
        return counts.clone();
    }

    /** The number of NaN and infinite values left out. */
    public long skipped() {
        return skipped;
    }
}
