package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinLayersTest {

    @Test
    void everyLayerIsRegisteredUnderItsKerasClassName() {
        List<String> expected = List.of("Dense", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "Flatten", "Reshape",
                "Dropout", "BatchNormalization", "LayerNormalization", "Embedding", "Conv2D", "MaxPooling2D",
                "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "MultiHeadAttention",
                "PositionalEncoding", "TransformerEncoderBlock", "Concatenate", "Add", "Subtract", "Multiply", "Average",
                "Maximum", "Minimum");
        assertTrue(LayerRegistry.classNames().containsAll(expected), LayerRegistry.classNames().toString());
    }
}
