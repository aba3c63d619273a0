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
            LayerRegistry.register("Flatten", Flatten::fromConfig);
            LayerRegistry.register("Reshape", Reshape::fromConfig);
            LayerRegistry.register("Dropout", Dropout::fromConfig);
            LayerRegistry.register("BatchNormalization", BatchNorm::fromConfig);
            LayerRegistry.register("LayerNormalization", LayerNorm::fromConfig);
            LayerRegistry.register("Embedding", Embedding::fromConfig);
            LayerRegistry.register("Conv2D", Conv2D::fromConfig);
            LayerRegistry.register("MaxPooling2D", MaxPool2D::fromConfig);
            LayerRegistry.register("AveragePooling2D", AvgPool2D::fromConfig);
            LayerRegistry.register("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
            LayerRegistry.register("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig);
            LayerRegistry.register("MultiHeadAttention", MultiHeadAttention::fromConfig);
            LayerRegistry.register("PositionalEncoding", PositionalEncoding::fromConfig);
            LayerRegistry.register("TransformerEncoderBlock", TransformerEncoderBlock::fromConfig);
            LayerRegistry.register("RandomFlip", RandomFlip::fromConfig);
            LayerRegistry.register("RandomRotation", RandomRotation::fromConfig);
            LayerRegistry.register("RandomZoom", RandomZoom::fromConfig);
            LayerRegistry.register("RandomTranslation", RandomTranslation::fromConfig);
            LayerRegistry.register("RandomBrightness", RandomBrightness::fromConfig);
            LayerRegistry.register("RandomContrast", RandomContrast::fromConfig);
            LayerRegistry.register("RandomAffine", RandomAffine::fromConfig);
            LayerRegistry.register("Concatenate", Concatenate::fromConfig);
            LayerRegistry.register("Add", Add::fromConfig);
            LayerRegistry.register("Subtract", Subtract::fromConfig);
            LayerRegistry.register("Multiply", Multiply::fromConfig);
            LayerRegistry.register("Average", Average::fromConfig);
            LayerRegistry.register("Maximum", Maximum::fromConfig);
            LayerRegistry.register("Minimum", Minimum::fromConfig);
            done = true;
        }
    }
}
