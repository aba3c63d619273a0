package io.javagrad.layers.callbacks;

import io.javagrad.layers.Callback;
import io.javagrad.layers.Model;
import io.javagrad.layers.TrainingContext;
import io.javagrad.optim.Optimizer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multiplies the learning rate by {@code factor} once the monitored value has not improved for {@code patience}
 * epochs, never below {@code minLr}, then waits {@code cooldown} epochs before watching again (Keras's rules;
 * an improvement must exceed {@code minDelta}, default 1e-4).
 */
public final class ReduceLROnPlateau implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceLROnPlateau.class);

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final double minLr;
    private final int cooldown;
    private Model model;
    private double best;
    private int wait;
    private int cooldownLeft;

    /** Keras's defaults: {@code val_loss}, factor 0.1, patience 10, minLr 0, cooldown 0. */
    public ReduceLROnPlateau() {
        this("val_loss", 0.1, 10, 0, 0);
    }

    /** Lowest-is-best unless {@code monitor} names an accuracy-like quantity; minDelta 1e-4. */
    public ReduceLROnPlateau(String monitor, double factor, int patience, double minLr, int cooldown) {
        this(monitor, factor, patience, minLr, cooldown, MonitorMode.AUTO, 1e-4);
    }

    /** Every setting. */
    public ReduceLROnPlateau(String monitor, double factor, int patience, double minLr, int cooldown, MonitorMode mode,
                             double minDelta) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0 || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience, cooldown and minLr must be >= 0, got"
                    + " patience=" + patience + ", cooldown=" + cooldown + ", minLr=" + minLr);
        }
        this.monitor = new Monitor("ReduceLROnPlateau", monitor, mode, minDelta);
        this.factor = factor;
        this.patience = patience;
        this.minLr = minLr;
        this.cooldown = cooldown;
    }

    @Override
    public void onTrainBegin(TrainingContext run) {
        model = run.model();
        best = monitor.worst();
        wait = 0;
        cooldownLeft = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = monitor.value(logs);
        if (current == null) {
            return;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (monitor.improved(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownLeft == 0) {
            wait++;
            Optimizer optimizer = model.optimizer();
            double lr = optimizer.learningRate();
            if (wait >= patience && lr > minLr) {
                double reduced = Math.max(lr * factor, minLr);
                optimizer.setLearningRate(reduced);
                LOG.info("ReduceLROnPlateau: epoch {}: learning rate {} -> {}", epoch + 1, lr, reduced);
                cooldownLeft = cooldown;
                wait = 0;
            }
        }
    }
}
