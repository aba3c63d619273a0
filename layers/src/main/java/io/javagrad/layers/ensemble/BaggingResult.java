package io.javagrad.layers.ensemble;

import io.javagrad.core.Tensor;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Metric;
import io.javagrad.layers.Model;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.metrics.BinaryAccuracy;
import io.javagrad.layers.metrics.CategoricalAccuracy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trained members of a {@link Bagging} run with their accuracies and the ensemble's on the evaluation data.
 * Accuracy follows the predictions' shape: one probability per sample ({@code [n]} or {@code [n, 1]}) is binary
 * (class 1 above 0.5); several are categorical (the largest wins) against class indices or one-hot targets.
 */
public final class BaggingResult {
    private final List<Model> members;
    private final long[] memberSeeds;
    private final double[] memberAccuracies;
    private final double ensembleAccuracy;

    BaggingResult(List<Model> members, long[] memberSeeds, Dataset evaluation) {
        this.members = List.copyOf(members);
        this.memberSeeds = memberSeeds.clone();
        List<Tensor> probabilities = memberProbabilities(evaluation.x());
        memberAccuracies = new double[members.size()];
        for (int i = 0; i < members.size(); i++) {
            memberAccuracies[i] = accuracy(evaluation.y(), probabilities.get(i));
        }
        ensembleAccuracy = accuracy(evaluation.y(), mean(probabilities));
    }

    /** The trained members, in member order. */
    public List<Model> members() {
        return members;
    }

    /** The seed each member's model was made with (its factory argument), in member order. */
    public long[] memberSeeds() {
        return memberSeeds.clone();
    }

    /** Each member's accuracy on the evaluation data, in member order. */
    public double[] memberAccuracies() {
        return memberAccuracies.clone();
    }

    /** The mean of {@link #memberAccuracies()}. */
    public double meanMemberAccuracy() {
        return Arrays.stream(memberAccuracies).average().orElseThrow();
    }

    /** The accuracy of the averaged probabilities on the evaluation data. */
    public double ensembleAccuracy() {
        return ensembleAccuracy;
    }

    /** The members' predicted probabilities for {@code x}, averaged (summed in member order, then divided). */
    public Tensor predict(Tensor x) {
        return mean(memberProbabilities(x));
    }

    private List<Tensor> memberProbabilities(Tensor x) {
        List<Tensor> out = new ArrayList<>();
        for (Model m : members) {
            out.add(m.predict(x, FitOptions.DEFAULT_BATCH_SIZE));
        }
        return out;
    }

    private static Tensor mean(List<Tensor> tensors) {
        Tensor sum = tensors.get(0);
        for (int i = 1; i < tensors.size(); i++) {
            sum = sum.add(tensors.get(i));
        }
        return sum.div(tensors.size());
    }

    /** The accuracy of {@code probabilities} against {@code y}, with the metric their shapes call for. */
    static double accuracy(Tensor y, Tensor probabilities) {
        Metric metric;
        if (probabilities.rank() == 1 || probabilities.shape(-1) == 1) {
            metric = new BinaryAccuracy();
        } else if (Arrays.equals(y.shape(), probabilities.shape())) {
            metric = new CategoricalAccuracy();
        } else {
            metric = new SparseCategoricalAccuracy();
        }
        metric.update(y, probabilities);
        return metric.result();
    }
}
