package io.javagrad.optim;

/** Hyperparameter validation with messages that name the owner, the hyperparameter and the value. */
final class Checks {
    private Checks() {}

    /** A finite value >= 0. */
    static double nonNegative(String owner, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(owner, name, "a finite number >= 0", value);
        }
        return value;
    }

    /** A finite value > 0. */
    static double positive(String owner, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(owner, name, "a finite number > 0", value);
        }
        return value;
    }

    /** A value in [0, 1). */
    static double fraction(String owner, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw invalid(owner, name, "in [0, 1)", value);
        }
        return value;
    }

    /** A value in [0, 1]. */
    static double closedFraction(String owner, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(owner, name, "in [0, 1]", value);
        }
        return value;
    }

    /** A schedule's counter, >= 0. */
    static int counter(String owner, int t) {
        if (t < 0) {
            throw new IllegalArgumentException(owner + ": t must be >= 0, got " + t);
        }
        return t;
    }

    private static IllegalArgumentException invalid(String owner, String name, String expected, double value) {
        return new IllegalArgumentException(owner + ": " + name + " must be " + expected + ", got " + value);
    }
}
