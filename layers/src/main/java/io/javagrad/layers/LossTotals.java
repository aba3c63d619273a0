package io.javagrad.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample-weighted means of the batch losses of an epoch (or an evaluation), turned into Keras-style logs. */
final class LossTotals {
    private final double[] outputSums;
    private double lossSum;
    private double penaltySum;
    private boolean hasPenalty;
    private long samples;

    LossTotals(int outputs) {
        outputSums = new double[outputs];
    }

    void add(TrainingSetup.Terms terms, int batchSamples) {
        lossSum += terms.total().item() * batchSamples;
        penaltySum += terms.penalty() * batchSamples;
        hasPenalty |= terms.hasPenalty();
        for (int i = 0; i < outputSums.length; i++) {
            outputSums[i] += terms.outputLosses()[i] * batchSamples;
        }
        samples += batchSamples;
    }

    /**
     * {@code loss} (the total, penalties included), per output {@code <output>_loss} when there are several,
     * each metric ({@code <output>_<metric>} when there are several outputs), and {@code regularization_loss}
     * when some layer has a penalty.
     */
    Map<String, Double> logs(TrainingSetup setup, List<String> outputNames) {
        Map<String, Double> logs = new LinkedHashMap<>();
        double n = Math.max(1, samples);
        logs.put("loss", lossSum / n);
        boolean several = outputNames.size() > 1;
        if (several) {
            for (int i = 0; i < outputSums.length; i++) {
                if (setup.hasLoss(i)) {
                    logs.put(outputNames.get(i) + "_loss", outputSums[i] / n);
                }
            }
        }
        for (int i = 0; i < outputNames.size(); i++) {
            for (Metric m : setup.metrics(i)) {
                logs.put(several ? outputNames.get(i) + "_" + m.name() : m.name(), m.result());
            }
        }
        if (hasPenalty) {
            logs.put("regularization_loss", penaltySum / n);
        }
        return logs;
    }
}
