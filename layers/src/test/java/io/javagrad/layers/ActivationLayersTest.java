package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertLayerGradients;
import static io.javagrad.layers.LayerChecks.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javagrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationLayersTest {

    private static final Tensor SAMPLE = Tensor.of(new double[] {-2, -0.5, 0.25, 1, 3}, 1, 5);

    private static double[] apply(Layer layer) {
        return layer.call(SAMPLE, false).toDoubleArray();
    }

    @Test
    void everyNamedFunctionMatchesItsDefinition() {
        assertArrayEquals(new double[] {0, 0, 0.25, 1, 3}, ActivationFunction.of("relu").apply(SAMPLE).toDoubleArray(), 0);
        assertArrayEquals(new double[] {-0.4, -0.1, 0.25, 1, 3},
                ActivationFunction.of("leaky_relu").apply(SAMPLE).toDoubleArray(), 1e-15);
        assertArrayEquals(SAMPLE.toDoubleArray(), ActivationFunction.of(null).apply(SAMPLE).toDoubleArray(), 0);
        assertEquals(1, ActivationFunction.of("softmax").apply(SAMPLE).sum().item(), 1e-12);
        assertEquals(List.of("linear", "relu", "leaky_relu", "elu", "sigmoid", "tanh", "softmax", "gelu", "softplus"),
                List.copyOf(ActivationFunction.names()));
        for (String name : ActivationFunction.names()) {
            LayerChecks.assertLayerGradients(new Activation(name), randn(name.hashCode(), 2, 3));
        }
    }

    @Test
    void activationLayersComputeTheirFunctions() {
        assertArrayEquals(new double[] {0, 0, 0.25, 1, 3}, apply(new ReLU()), 0);
        assertArrayEquals(new double[] {0, 0, 0.25, 1, 2}, apply(new ReLU(2.0, 0, 0)), 0);
        assertArrayEquals(new double[] {-0.3, -0.15, -0.075, 1, 3}, apply(new ReLU(null, 0.1, 1)), 1e-15);
        assertArrayEquals(new double[] {-0.6, -0.15, 0.25, 1, 3}, apply(new LeakyReLU()), 1e-15);
        assertArrayEquals(new double[] {2 * Math.expm1(-2), 2 * Math.expm1(-0.5), 0.25, 1, 3}, apply(new ELU(2)), 1e-15);
        assertEquals(1 / (1 + Math.exp(2)), apply(new Sigmoid())[0], 1e-15);
        assertEquals(Math.tanh(3), apply(new Tanh())[4], 1e-15);
        assertEquals(0.8413447460685429, apply(new GELU())[3], 1e-12);
        assertArrayEquals(SAMPLE.toDoubleArray(), apply(new Linear()), 0);
        assertArrayEquals(SAMPLE.softmax(-1).toDoubleArray(), apply(new Softmax()), 0);
    }

    @Test
    void gradientsThroughEveryActivationLayer() {
        for (Layer layer : List.of(new ReLU(), new ReLU(2.0, 0.2, 0.5), new LeakyReLU(0.1), new ELU(0.7), new Sigmoid(),
                new Tanh(), new GELU(), new Linear(), new Softmax(0), new Softmax())) {
            assertLayerGradients(layer, randn(11, 3, 4).mul(2));
        }
    }

    @Test
    void configsRoundTripWithKerasClassNames() {
        Tensor x = randn(3, 2, 3);
        for (Layer layer : List.of(new ReLU(6.0, 0.1, 0.5), new LeakyReLU(0.2), new ELU(0.5), new Softmax(0),
                new Activation("softplus"), new Sigmoid(), new Tanh(), new GELU(), new Linear())) {
            Layer copy = assertConfigRoundTrip(layer, x);
            assertEquals(layer.className(), copy.className());
        }
        assertEquals("Activation", new Sigmoid().className());
        assertEquals(0.25, LayerRegistry.create("LeakyReLU", java.util.Map.of("alpha", 0.25)).getConfig().get("negative_slope"));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new ReLU(-1.0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Activation("swishy"));
        Softmax s = new Softmax(2);
        s.setName("probs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.call(randn(1, 2, 3), false));
        assertEquals("Softmax 'probs': axis 2 is out of range for input shape [2, 3]", e.getMessage());
    }
}
