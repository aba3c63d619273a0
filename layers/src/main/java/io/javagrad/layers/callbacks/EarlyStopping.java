package io.javagrad.layers.callbacks;

import io.javagrad.core.Autograd;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Callback;
import io.javagrad.layers.Model;
import io.javagrad.layers.TrainingContext;
import io.javagrad.layers.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training once the monitored value has not improved (by more than {@code minDelta}) for {@code patience}
 * epochs, as Keras's EarlyStopping; with {@code restoreBestWeights} the model ends with the weights of its best
 * epoch.
 */
public final class EarlyStopping implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    private Model model;
    private int wait;
    private double best;
    private int bestEpoch;
    private int stoppedEpoch;
    private List<Tensor> bestWeights;

    /** Watches {@code val_loss} with patience 0, as Keras's defaults. */
    public EarlyStopping() {
        this("val_loss", 0, 0, MonitorMode.AUTO, false);
    }

    /**
     * @param monitor            the log entry to watch, e.g. {@code val_loss}
     * @param minDelta           smallest change that counts as an improvement (>= 0)
     * @param patience           epochs without improvement before stopping (>= 0)
     * @param mode               whether lower or higher is better
     * @param restoreBestWeights whether to end with the best epoch's weights
     */
    public EarlyStopping(String monitor, double minDelta, int patience, MonitorMode mode, boolean restoreBestWeights) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.monitor = new Monitor("EarlyStopping", monitor, mode, minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onTrainBegin(TrainingContext run) {
        model = run.model();
        wait = 0;
        best = monitor.worst();
        bestEpoch = -1;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = monitor.value(logs);
        if (current == null) {
            return;
        }
        wait++;
        if (monitor.improved(current, best)) {
            best = current;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = snapshot(model);
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch >= 0) {
            LOG.info("EarlyStopping: stopped after epoch {}; best {} = {} at epoch {}", stoppedEpoch + 1,
                    monitor.key(), best, bestEpoch + 1);
        }
        if (restoreBestWeights && bestWeights != null) {
            List<Weight> weights = model.weights();
            for (int i = 0; i < weights.size(); i++) {
                weights.get(i).assign(bestWeights.get(i));
            }
        }
    }

    private static List<Tensor> snapshot(Model model) {
        List<Tensor> out = new ArrayList<>();
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (Weight w : model.weights()) {
                out.add(w.value().detach().cloneTensor());
            }
        }
        return out;
    }

    /** The epoch (from 0) after which training was stopped, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (from 0) with the best monitored value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
