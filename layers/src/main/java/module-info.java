/**
 * Javagrad layers and models: a Keras-like API (layers, Sequential, functional Model, losses, metrics,
 * callbacks, fit/evaluate/predict) on top of the core tensors and the optimizers.
 */
module io.javagrad.layers {
    requires transitive io.javagrad.core;
    requires transitive io.javagrad.optim;
    requires org.slf4j;
    requires transitive org.joml;

    exports io.javagrad.layers;
    exports io.javagrad.layers.losses;
    exports io.javagrad.layers.metrics;
    exports io.javagrad.layers.callbacks;
    exports io.javagrad.layers.data;
    exports io.javagrad.layers.augment;
}
