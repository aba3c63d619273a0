package io.javagrad.layers.callbacks;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Callback;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Model;
import io.javagrad.layers.TrainingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records, per epoch and per layer of the model, the L2 norm of the layer's trainable parameters and of their
 * gradients, for spotting vanishing or exploding gradients. A layer's norm covers all its trainable tensors together
 * (kernel and bias; a composite layer's parts are counted in it).
 *
 * <ul>
 *   <li>{@code grad_norm/<layer>}: the gradient norm of every batch, taken after the backward pass and before the
 *       optimizer step (so before any gradient clipping), averaged over the epoch's batches;</li>
 *   <li>{@code param_norm/<layer>}: the parameter norm at the end of the epoch.</li>
 * </ul>
 * Both are added to the epoch logs (so {@link io.javagrad.layers.History} keeps them; put this callback before
 * others that read them) and kept in {@link #norms()}.
 */
public final class GradientNormLogger implements Callback {
    /** The prefix of the gradient-norm keys in the epoch logs. */
    public static final String GRAD_NORM = "grad_norm/";
    /** The prefix of the parameter-norm keys in the epoch logs. */
    public static final String PARAM_NORM = "param_norm/";

    /** One layer's norms after one epoch (counted from 0). */
    public record Row(int epoch, String layer, double paramNorm, double gradNorm) {}

    private final List<Row> rows = new ArrayList<>();
    private final Map<Layer, double[]> gradSums = new LinkedHashMap<>();
    private Model model;

    /** A logger with no norms recorded yet, to pass to {@code fit}. */
    public GradientNormLogger() {}

    @Override
    public void onTrainBegin(TrainingContext run) {
        model = run.model();
    }

    @Override
    public void onEpochBegin(int epoch) {
        gradSums.clear();
    }

    @Override
    public void onAfterBackward(int batch) {
        for (Layer layer : model.layers()) {
            List<Tensor> params = layer.trainableParameters();
            if (!params.isEmpty()) {
                double[] sum = gradSums.computeIfAbsent(layer, l -> new double[2]);
                List<Tensor> grads = new ArrayList<>();
                for (Tensor p : params) {
                    if (p.grad() != null) {
                        grads.add(p.grad());
                    }
                }
                sum[0] += l2Norm(grads);
                sum[1]++;
            }
        }
    }

    @Override
    public void onEpochLogs(int epoch, Map<String, Double> logs) {
        for (Map.Entry<Layer, double[]> e : gradSums.entrySet()) {
            Layer layer = e.getKey();
            double gradNorm = e.getValue()[0] / e.getValue()[1];
            double paramNorm = l2Norm(layer.trainableParameters());
            logs.put(GRAD_NORM + layer.name(), gradNorm);
            logs.put(PARAM_NORM + layer.name(), paramNorm);
            rows.add(new Row(epoch, layer.name(), paramNorm, gradNorm));
        }
    }

    private static double l2Norm(List<Tensor> tensors) {
        double squares = 0;
        for (Tensor t : tensors) {
            for (double v : t.toDoubleArray()) {
                squares += v * v;
            }
        }
        return Math.sqrt(squares);
    }

    /** Every recorded row, by epoch, then by layer in model order. */
    public List<Row> norms() {
        return Collections.unmodifiableList(rows);
    }

    /** {@link #norms()} as a text table with a header line: epoch (from 1), layer, parameter norm, gradient norm. */
    public String table() {
        int width = "layer".length();
        for (Row r : rows) {
            width = Math.max(width, r.layer().length());
        }
        String format = "%5s  %-" + width + "s  %12s  %12s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "epoch", "layer", "param_norm",
                "grad_norm"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, format, r.epoch() + 1, r.layer(),
                    String.format(Locale.ROOT, "%.5g", r.paramNorm()), String.format(Locale.ROOT, "%.5g", r.gradNorm())));
        }
        return out.toString();
    }
}
