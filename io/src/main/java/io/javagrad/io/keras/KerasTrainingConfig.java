package io.javagrad.io.keras;

import io.javagrad.layers.Loss;
import io.javagrad.layers.Losses;
import io.javagrad.layers.Metric;
import io.javagrad.layers.Metrics;
import io.javagrad.layers.Model;
import io.javagrad.optim.Optimizer;
import io.javagrad.optim.Optimizers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles an imported model as Keras's {@code training_config} describes it, when Javagrad has the equivalent:
 * an SGD, Adam or RMSprop optimizer with a constant learning rate (Keras's names: {@code learning_rate} or
 * {@code lr}, {@code beta_1}, {@code beta_2}, {@code epsilon}, {@code amsgrad}, {@code momentum}, {@code nesterov},
 * {@code rho}, {@code centered}, {@code clipnorm}, {@code clipvalue}), one loss that {@link Losses#fromConfig}
 * knows and metrics given by name. Anything else (a learning-rate schedule, a non-zero {@code decay}, per-output
 * losses, other options) leaves the model uncompiled rather than training it differently from Keras.
 */
final class KerasTrainingConfig {
    /** Keras options that are fine at their default (null, false or 0) and have no Javagrad counterpart. */
    private static final Set<String> DEFAULT_ONLY = Set.of("decay", "weight_decay", "global_clipnorm", "use_ema",
            "loss_scale_factor", "gradient_accumulation_steps");
    /** Keras options that name or describe the optimizer without changing its updates. */
    private static final Set<String> DESCRIPTIVE = Set.of("name", "is_legacy_optimizer", "jit_compile",
            "ema_momentum", "ema_overwrite_frequency");

    private KerasTrainingConfig() {}

    /** Compiles {@code model} from {@code trainingConfig}; returns whether it could. */
    static boolean compile(Model model, Map<String, Object> trainingConfig) {
        if (trainingConfig == null || !(trainingConfig.get("optimizer_config") instanceof Map<?, ?> optimizerConfig)) {
            return false;
        }
        Object lossConfig = trainingConfig.get("loss");
        if (lossConfig == null || (lossConfig instanceof Map<?, ?> m && !m.containsKey("class_name"))) {
            return false; // no loss, or one loss per output
        }
        Map<String, Object> ours = optimizer(optimizerConfig);
        if (ours == null) {
            return false;
        }
        Optimizer optimizer;
        Loss loss;
        List<Metric> metrics = new ArrayList<>();
        try {
            optimizer = Optimizers.fromConfig(ours);
            loss = Losses.fromConfig(lossConfig);
            if (trainingConfig.get("metrics") instanceof List<?> names) {
                for (Object name : names) {
                    metrics.add(Metrics.fromName(String.valueOf(name), loss));
                }
            }
        } catch (IllegalArgumentException noEquivalent) {
            return false; // an unknown loss or metric, or hyperparameters Javagrad refuses
        }
        model.compile(optimizer, loss, metrics.toArray(new Metric[0]));
        return true;
    }

    /** The Javagrad optimizer config for a Keras one, or {@code null} when there is no equivalent. */
    private static Map<String, Object> optimizer(Map<?, ?> keras) {
        if (!(keras.get("class_name") instanceof String cls) || !(keras.get("config") instanceof Map<?, ?> config)) {
            return null;
        }
        Map<String, String> keys = switch (cls) {
            case "SGD" -> Map.of("momentum", "momentum", "nesterov", "nesterov");
            case "Adam" -> Map.of("beta_1", "beta1", "beta_2", "beta2", "epsilon", "eps", "amsgrad", "amsgrad");
            case "RMSprop" -> Map.of("rho", "alpha", "epsilon", "eps", "momentum", "momentum", "centered", "centered");
            default -> null;
        };
        if (keys == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", cls);
        for (Map.Entry<?, ?> e : config.entrySet()) {
            String key = (String) e.getKey();
            Object value = e.getValue();
            if (key.equals("learning_rate") || key.equals("lr")) {
                if (!(value instanceof Number)) {
                    return null; // a learning-rate schedule
                }
                out.put("learningRate", value);
            } else if (key.equals("clipnorm") || key.equals("clipvalue")) {
                if (value != null) {
                    out.put(key.equals("clipnorm") ? "clipNorm" : "clipValue", value);
                }
            } else if (keys.containsKey(key)) {
                out.put(keys.get(key), value);
            } else if (DEFAULT_ONLY.contains(key)) {
                if (value != null && !value.equals(Boolean.FALSE) && !(value instanceof Number n && n.doubleValue() == 0)) {
                    return null;
                }
            } else if (!DESCRIPTIVE.contains(key)) {
                return null;
            }
        }
        return out.containsKey("learningRate") ? out : null;
    }
}
