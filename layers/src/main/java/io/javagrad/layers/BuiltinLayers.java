package io.javagrad.layers;

/** Registers the library's own layer types with {@link LayerRegistry}, once. */
final class BuiltinLayers {
    private static volatile boolean done;

    private BuiltinLayers() {}

    static void ensureRegistered() {
        if (done) {
            return;
        }
        synchronized (BuiltinLayers.class) {
            if (done) {
                return;
            }
            // Each built-in layer adds one line here: LayerRegistry.register("Dense", Dense::fromConfig);
            LayerRegistry.register("Dense", Dense::fromConfig);
            LayerRegistry.register("Activation", Activation::fromConfig);
            LayerRegistry.register("ReLU", ReLU::fromConfig);
            LayerRegistry.register("LeakyReLU", LeakyReLU::fromConfig);
            LayerRegistry.register("ELU", ELU::fromConfig);
            LayerRegistry.register("Softmax", Softmax::fromConfig);
            done = true;
        }
    }
}
