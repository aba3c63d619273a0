package io.javagrad.io;

import java.io.IOException;
import java.util.List;

/**
 * The weights in a file do not fit the model: lists every weight the model has but the file lacks, every weight
 * the file has but the model lacks, and every weight whose shapes differ (as {@code layer/weight: file [..],
 * model [..]}). Nothing was loaded.
 */
public final class WeightMismatchException extends IOException {
    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> misshaped;

    WeightMismatchException(String file, List<String> missing, List<String> unexpected, List<String> misshaped) {
        super("the weights in " + file + " do not fit the model: "
                + part("missing from the file", missing) + "; " + part("unexpected in the file", unexpected) + "; "
                + part("shapes differ", misshaped));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.misshaped = List.copyOf(misshaped);
    }

    private static String part(String what, List<String> items) {
        return what + " (" + items.size() + ")" + (items.isEmpty() ? "" : ": " + String.join(", ", items));
    }

    /** The model's weights ({@code layer/weight}) that the file does not hold. */
    public List<String> missing() {
        return missing;
    }

    /** The file's weights ({@code layer/weight}) that the model does not have. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** The weights whose shapes differ, each as {@code layer/weight: file [..], model [..]}. */
    public List<String> misshaped() {
        return misshaped;
    }
}
