package io.javagrad.optim;

import java.util.Map;
import java.util.function.Function;

/**
 * Builds optimizers from the configs {@link Optimizer#getConfig()} writes. Names come from a fixed registry
 * (SGD, Adam, AdamW, RMSprop, Adagrad), never from class names; a missing hyperparameter takes the
 * constructor's default ({@code learningRate} is required), an unknown key or a wrong type is an error.
 */
public final class Optimizers {
    private static final Map<String, Function<ConfigReader, Optimizer>> REGISTRY = Map.of(
            SGD.NAME, SGD::fromConfig,
            Adam.NAME, Adam::fromConfig,
            AdamW.NAME, AdamW::fromConfig,
            RMSprop.NAME, RMSprop::fromConfig,
            Adagrad.NAME, Adagrad::fromConfig);

    private Optimizers() {}

    /** A new optimizer (without parameters) from a config such as {@code {name=Adam, learningRate=0.001}}. */
    public static Optimizer fromConfig(Map<String, ?> config) {
        Object name = config.get("name");
        Function<ConfigReader, Optimizer> factory = name instanceof String ? REGISTRY.get(name) : null;
        if (factory == null) {
            throw new IllegalArgumentException("Optimizers.fromConfig: unknown optimizer name " + name
                    + ", expected one of " + new java.util.TreeSet<>(REGISTRY.keySet()));
        }
        ConfigReader reader = new ConfigReader((String) name, config);
        Optimizer optimizer = factory.apply(reader);
        optimizer.setClipNorm(reader.getDouble("clipNorm", 0));
        optimizer.setClipValue(reader.getDouble("clipValue", 0));
        reader.checkAllRead();
        return optimizer;
    }
}
