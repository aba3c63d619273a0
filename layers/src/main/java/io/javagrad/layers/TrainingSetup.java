package io.javagrad.layers;

import io.javagrad.core.Autograd;
import io.javagrad.core.Tensor;
import io.javagrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link Model#compile} fixed: the optimizer, one loss (or none) per output with its weight in the total,
 * and the metrics of each output. Computes a batch's loss the same way for training and evaluation.
 */
final class TrainingSetup {
    private final Optimizer optimizer;
    private final List<Loss> losses;
    private final double[] weights;
    private final List<List<Metric>> metrics;

    private TrainingSetup(Optimizer optimizer, List<Loss> losses, double[] weights, List<List<Metric>> metrics) {
        this.optimizer = optimizer;
        this.losses = losses;
        this.weights = weights;
        this.metrics = metrics;
    }

    static TrainingSetup of(Model model, Optimizer optimizer, List<Loss> losses, double[] lossWeights,
                            List<List<Metric>> metrics) {
        String who = model + ".compile";
        if (optimizer == null) {
            throw new IllegalArgumentException(who + ": the optimizer is null");
        }
        int outputs = model.outputCount();
        if (losses == null || losses.size() != outputs) {
            throw new IllegalArgumentException(who + ": expected one loss per output (" + outputs + "), got "
                    + (losses == null ? "null" : losses.size()));
        }
        if (losses.stream().allMatch(l -> l == null)) {
            throw new IllegalArgumentException(who + ": at least one output needs a loss");
        }
        double[] w = lossWeights == null ? filled(outputs) : lossWeights.clone();
        if (w.length != outputs || Arrays.stream(w).anyMatch(x -> !(x >= 0) || Double.isInfinite(x))) {
            throw new IllegalArgumentException(who + ": expected " + outputs + " finite loss weights >= 0, got "
                    + Arrays.toString(lossWeights));
        }
        List<List<Metric>> m = new ArrayList<>();
        if (metrics != null && metrics.size() != outputs) {
            throw new IllegalArgumentException(who + ": expected a metric list per output (" + outputs + "), got "
                    + metrics.size());
        }
        Set<Metric> seen = new HashSet<>();
        for (int i = 0; i < outputs; i++) {
            List<Metric> list = metrics == null || metrics.get(i) == null ? List.of() : List.copyOf(metrics.get(i));
            for (Metric metric : list) {
                if (!seen.add(metric)) {
                    throw new IllegalArgumentException(who + ": the metric object '" + metric.name()
                            + "' is given twice; each output needs its own instance");
                }
            }
            m.add(list);
        }
        return new TrainingSetup(optimizer, new ArrayList<>(losses), w, m);
    }

    private static double[] filled(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    List<Loss> losses() {
        return Collections.unmodifiableList(losses);
    }

    double[] lossWeights() {
        return weights.clone();
    }

    List<List<Metric>> metricLists() {
        return List.copyOf(metrics);
    }

    /** The loss of one batch: the weighted sum of the outputs' losses plus the layers' penalties. */
    record Terms(Tensor total, double[] outputLosses, double penalty, boolean hasPenalty) {}

    /** Computes the loss of a batch ({@code sampleWeight} may be {@code null}); differentiable unless under noGrad. */
    Terms compute(Model model, List<Tensor> ys, List<Tensor> preds, Tensor sampleWeight) {
        Tensor total = null;
        double[] per = new double[preds.size()];
        for (int i = 0; i < preds.size(); i++) {
            Loss loss = losses.get(i);
            if (loss == null) {
                continue;
            }
            Tensor pred = preds.get(i);
            Tensor sw = sampleWeight == null ? null : sampleWeight.to(pred.dtype());
            Tensor l = loss.compute(ys.get(i).to(pred.dtype()), pred, sw);
            per[i] = l.item();
            Tensor term = weights[i] == 1 ? l : l.mul(weights[i]);
            total = total == null ? term : total.add(term);
        }
        List<Tensor> penalties = model.losses();
        double penalty = 0;
        for (Tensor p : penalties) {
            Tensor q = p.to(total.dtype());
            penalty += q.item();
            total = total.add(q);
        }
        return new Terms(total, per, penalty, !penalties.isEmpty());
    }

    /** Adds a batch to every metric, without recording a graph. */
    void updateMetrics(List<Tensor> ys, List<Tensor> preds) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (int i = 0; i < preds.size(); i++) {
                Tensor pred = preds.get(i).detach();
                for (Metric m : metrics.get(i)) {
                    m.update(ys.get(i).to(pred.dtype()), pred);
                }
            }
        }
    }

    void resetMetrics() {
        for (List<Metric> list : metrics) {
            for (Metric m : list) {
                m.reset();
            }
        }
    }

    /** Whether output {@code i} has a loss. */
    boolean hasLoss(int i) {
        return losses.get(i) != null;
    }

    List<Metric> metrics(int output) {
        return metrics.get(output);
    }
}
