package io.javagrad.io;

import io.javagrad.layers.Loss;
import io.javagrad.layers.Losses;
import io.javagrad.layers.Metric;
import io.javagrad.layers.Metrics;
import io.javagrad.layers.Model;
import io.javagrad.optim.Optimizer;
import io.javagrad.optim.Optimizers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compile settings of a model as Keras's {@code training_config}: {@code loss} (one nested loss config, or a
 * list per output), {@code metrics} (names; a list per output for several outputs), {@code loss_weights} and
 * {@code optimizer_config} ({@code class_name} + Keras-named hyperparameters, for Keras readers: Javagrad reads
 * its own exact optimizer config from the file's {@code /javagrad/optimizer} section).
 */
final class TrainingConfigs {
    /** Javagrad optimizer config keys and the Keras names of the ones with the same meaning. */
    private static final Map<String, String> KERAS_NAMES = Map.ofEntries(
            Map.entry("learningRate", "learning_rate"), Map.entry("beta1", "beta_1"), Map.entry("beta2", "beta_2"),
            Map.entry("eps", "epsilon"), Map.entry("amsgrad", "amsgrad"), Map.entry("momentum", "momentum"),
            Map.entry("nesterov", "nesterov"), Map.entry("alpha", "rho"), Map.entry("centered", "centered"),
            Map.entry("initialAccumulatorValue", "initial_accumulator_value"));

    private TrainingConfigs() {}

    /** The {@code training_config} of a compiled model, or {@code null}. */
    static Map<String, Object> toKeras(Model model) {
        Optimizer optimizer = model.optimizer();
        if (optimizer == null) {
            return null;
        }
        List<Loss> losses = model.compiledLosses();
        List<Object> lossConfigs = new ArrayList<>();
        for (Loss loss : losses) {
            lossConfigs.add(loss == null ? null : Losses.toConfig(loss));
        }
        List<Object> metricNames = new ArrayList<>();
        for (List<Metric> perOutput : model.compiledMetrics()) {
            metricNames.add(perOutput.stream().map(Metric::name).toList());
        }
        List<Object> weights = new ArrayList<>();
        for (double w : model.compiledLossWeights()) {
            weights.add(w);
        }
        boolean single = losses.size() == 1;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("loss", single ? lossConfigs.get(0) : lossConfigs);
        c.put("metrics", single ? metricNames.get(0) : metricNames);
        c.put("weighted_metrics", null);
        c.put("loss_weights", weights);
        c.put("optimizer_config", kerasOptimizerConfig(optimizer));
        return c;
    }

    /** {@code {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": ..., "beta_1": ...}}}. */
    private static Map<String, Object> kerasOptimizerConfig(Optimizer optimizer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", optimizer.name());
        optimizer.getConfig().forEach((key, value) -> {
            String keras = KERAS_NAMES.get(key);
            if (keras != null) {
                config.put(keras, value);
            }
        });
        config.put("clipvalue", optimizer.clipValue() > 0 ? optimizer.clipValue() : null);
        config.put("global_clipnorm", optimizer.clipNorm() > 0 ? optimizer.clipNorm() : null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", optimizer.name());
        m.put("config", config);
        return m;
    }

    /**
     * Compiles {@code model} with the losses, loss weights and metrics of {@code trainingConfig} and an optimizer
     * rebuilt from Javagrad's own {@code optimizerConfig}; bad values are an IllegalArgumentException.
     */
    static void compile(Model model, Map<String, Object> trainingConfig, Map<String, ?> optimizerConfig) {
        int outputs = model.outputCount();
        Object lossConfig = trainingConfig.get("loss");
        List<?> lossList = outputs == 1 ? Collections.singletonList(lossConfig)
                : JsonValues.list(lossConfig, "training_config loss");
        List<Loss> losses = new ArrayList<>();
        for (Object l : lossList) {
            losses.add(l == null ? null : Losses.fromConfig(l));
        }
        if (losses.size() != outputs) {
            throw new IllegalArgumentException("training_config: " + losses.size() + " losses for " + outputs + " outputs");
        }
        Object metricConfig = trainingConfig.get("metrics");
        List<?> perOutput = metricConfig == null ? null : outputs == 1 ? List.of(metricConfig)
                : JsonValues.list(metricConfig, "training_config metrics");
        List<List<Metric>> metrics = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            List<Metric> list = new ArrayList<>();
            if (perOutput != null && i < perOutput.size()) {
                for (Object name : JsonValues.list(perOutput.get(i), "training_config metrics of output " + i)) {
                    list.add(Metrics.fromName(JsonValues.string(name, "metric name"), losses.get(i)));
                }
            }
            metrics.add(list);
        }
        double[] weights = null;
        Object w = trainingConfig.get("loss_weights");
        if (w != null) {
            List<?> list = JsonValues.list(w, "training_config loss_weights");
            weights = new double[list.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = JsonValues.number(list.get(i), "loss weight " + i);
            }
        }
        model.compile(Optimizers.fromConfig(optimizerConfig), losses, weights, metrics);
    }
}
