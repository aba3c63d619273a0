package io.javagrad.layers.augment;

import io.javagrad.core.Rng;
import java.util.List;

/**
 * A closed interval {@code [lower, upper]} of finite numbers that augmentations draw uniform values from. The
 * factories take the name of the owner (a layer or an augmentation) and of the argument, so a bad argument is
 * reported as e.g. {@code RandomZoom: height_factor must lie in [-1.0, 1.0], got [-2.0, 2.0]}.
 */
public final class Range {
    private final double lower;
    private final double upper;

    private Range(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** {@code [lower, upper]}; throws unless both are finite and {@code lower <= upper}. */
    public static Range of(String owner, String what, double lower, double upper) {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper) {
            throw new IllegalArgumentException(owner + ": " + what + " must be a finite range with lower <= upper, got ["
                    + lower + ", " + upper + "]");
        }
        return new Range(lower, upper);
    }

    /** {@code [-factor, factor]}, as Keras reads a single factor; throws unless {@code factor} is finite and >= 0. */
    public static Range symmetric(String owner, String what, double factor) {
        if (!(factor >= 0) || factor == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(owner + ": " + what + " must be a finite number >= 0, got " + factor);
        }
        return new Range(-factor, factor);
    }

    /** This range; throws unless it lies within {@code [min, max]}. */
    public Range requireWithin(String owner, String what, double min, double max) {
        if (lower < min || upper > max) {
            throw new IllegalArgumentException(owner + ": " + what + " must lie in [" + min + ", " + max + "], got "
                    + this);
        }
        return this;
    }

    /** The lower end. */
    public double lower() {
        return lower;
    }

    /** The upper end. */
    public double upper() {
        return upper;
    }

    /** A uniform draw from the range (exactly {@code lower} when the range is one point); one draw from {@code rng}. */
    public double sample(Rng rng) {
        return lower + (upper - lower) * rng.nextDouble();
    }

    /** {@code [lower, upper]} as a JSON-friendly list. */
    public List<Double> toList() {
        return List.of(lower, upper);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Range r && Double.compare(r.lower, lower) == 0 && Double.compare(r.upper, upper) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lower) * 31 + Double.hashCode(upper);
    }

    @Override
    public String toString() {
        return "[" + lower + ", " + upper + "]";
    }
}
