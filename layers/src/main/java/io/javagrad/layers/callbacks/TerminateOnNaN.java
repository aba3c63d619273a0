package io.javagrad.layers.callbacks;

import io.javagrad.layers.Callback;
import io.javagrad.layers.Model;
import io.javagrad.layers.TrainingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops training at the first batch whose loss is NaN or infinite, saying so in one log line. */
public final class TerminateOnNaN implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(TerminateOnNaN.class);

    private Model model;
    private int epoch;

    /** A callback to pass to {@code fit}. */
    public TerminateOnNaN() {}

    @Override
    public void onTrainBegin(TrainingContext run) {
        model = run.model();
    }

    @Override
    public void onEpochBegin(int newEpoch) {
        epoch = newEpoch;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("batch_loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            LOG.error("TerminateOnNaN: invalid loss {} at batch {} of epoch {}; terminating training", loss, batch + 1,
                    epoch + 1);
            model.stopTraining();
        }
    }
}
