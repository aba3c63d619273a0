package io.javagrad.layers;

import io.javagrad.core.Autograd;
import io.javagrad.core.Tensor;
import io.javagrad.layers.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link Model#evaluate} and {@link Model#predict}: batched, in inference mode, without recording a graph. */
final class Evaluation {
    private Evaluation() {}

    /** Loss, per-output losses, metrics and penalty over {@code data}; the metrics are reset first. */
    static Map<String, Double> evaluate(Model model, TrainingSetup setup, Dataset data, int batchSize) {
        int outputs = model.outputCount();
        LossTotals totals = new LossTotals(outputs);
        setup.resetMetrics();
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (Dataset.Batch b : data.batches(batchSize, false, null)) {
                List<Tensor> preds = model.callAll(b.xs(), false);
                List<Tensor> ys = b.ys().subList(0, outputs);
                totals.add(setup.compute(model, ys, preds, null), b.size());
                setup.updateMetrics(ys, preds);
            }
        }
        return totals.logs(setup, model.outputNames());
    }

    /** The outputs over all of {@code data}'s inputs, batch by batch, joined along the batch axis. */
    static List<Tensor> predict(Model model, Dataset data, int batchSize) {
        List<List<Tensor>> parts = new ArrayList<>();
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (Dataset.Batch b : data.batches(batchSize, false, null)) {
                List<Tensor> out = model.callAll(b.xs(), false);
                for (int i = 0; i < out.size(); i++) {
                    if (parts.size() <= i) {
                        parts.add(new ArrayList<>());
                    }
                    parts.get(i).add(out.get(i));
                }
            }
        }
        List<Tensor> joined = new ArrayList<>();
        for (List<Tensor> p : parts) {
            joined.add(p.size() == 1 ? p.get(0) : Tensor.concat(p, 0));
        }
        return joined;
    }
}
