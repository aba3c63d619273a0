package io.javagrad.core;

/**
 * A seeded, reproducible random number generator (SplitMix64 with Marsaglia's polar method for normals).
 *
 * <p>Every random choice in Javagrad (initializers, dropout masks, shuffling, augmentation) draws from an
 * {@code Rng} derived from one seed, so the same seed gives bit-identical results on every JVM and platform:
 * the algorithm is fixed here and uses {@link StrictMath} only. Not thread-safe; {@link #fork()} gives an
 * independent generator for another thread or component.
 */
public final class Rng {
    private long state;
    private double spareNormal;
    private boolean hasSpare;

    /** A generator whose whole sequence is determined by {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return unit(nextLong() >>> 11);
    }

    /** SplitMix64's increment of the counter per draw. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64's output function of a counter value. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The uniform value in [0, 1) of 53 random bits, as {@link #nextDouble()} makes it. */
    static double unit(long bits53) {
        return bits53 * 0x1.0p-53;
    }

    /**
     * Skips the next {@code n} draws, for filling them in any order (in parallel): returns the counter before them;
     * {@link #bitsAt}{@code (counter, i)} are the bits of the value the {@code i}-th of them (from 0) would have
     * given as {@link #nextDouble()}.
     */
    long skip(int n) {
        long counter = state;
        state += n * GOLDEN;
        return counter;
    }

    /**
     * The 53 random bits of draw {@code i} after {@code counter} (from {@link #skip}): {@link #nextDouble()} would
     * have given {@link #unit}{@code (bits)}.
     */
    static long bitsAt(long counter, long i) {
        return mix(counter + (i + 1) * GOLDEN) >>> 11;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Rng.nextInt: bound must be positive, got " + bound);
        }
        // Lemire's unbiased multiply-shift with rejection.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal deviate. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareNormal = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /** The generator's whole state: a generator given it by {@link #restore} continues this one's sequence. */
    public State snapshot() {
        return new State(state, spareNormal, hasSpare);
    }

    /** Continues the sequence of the generator that {@code saved} was taken from (for resuming training). */
    public void restore(State saved) {
        state = saved.counter();
        spareNormal = saved.spareNormal();
        hasSpare = saved.hasSpareNormal();
    }

    /**
     * A snapshot of a generator, see {@link #snapshot()}.
     *
     * @param counter        the SplitMix64 counter
     * @param spareNormal    the second normal deviate of the last polar-method pair
     * @param hasSpareNormal whether {@code spareNormal} is still to be returned
     */
    public record State(long counter, double spareNormal, boolean hasSpareNormal) {}

    /** A new generator seeded from this one; the two sequences are independent. */
    public Rng fork() {
        return new Rng(nextLong());
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A random permutation of {@code 0 .. n-1}. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }
}
