package io.javagrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerConfigTest {

    @Test
    void everyOptimizerRoundTripsThroughItsConfig() {
        List<Optimizer> optimizers = List.of(
                new SGD(0.1, 0.8, 0, true, 0.01).setClipNorm(2),
                new Adam(0.01, 0.8, 0.99, 1e-6, 0.1, true).setClipValue(0.5),
                new AdamW(0.02, 0.85, 0.98, 1e-7, 0.2, false),
                new RMSprop(0.03, 0.95, 1e-5, 0.01, 0.5, true),
                new Adagrad(0.04, 0.01, 0.02, 0.1, 1e-9));
        for (Optimizer o : optimizers) {
            Optimizer rebuilt = Optimizers.fromConfig(o.getConfig());
            assertEquals(o.getClass(), rebuilt.getClass());
            assertEquals(o.getConfig(), rebuilt.getConfig());
        }
    }

    @Test
    void theConfigListsNameLearningRateHyperparametersAndClipping() {
        Map<String, Object> config = new Adam(0.001).setClipNorm(1).getConfig();
        assertEquals(List.of("name", "learningRate", "beta1", "beta2", "eps", "weightDecay", "amsgrad", "clipNorm",
                "clipValue"), List.copyOf(config.keySet()));
        assertEquals("Adam", config.get("name"));
        assertEquals(1.0, config.get("clipNorm"));
    }

    @Test
    void missingHyperparametersTakeTheConstructorDefaults() {
        assertEquals(new AdamW(0.5).getConfig(), Optimizers.fromConfig(Map.of("name", "AdamW", "learningRate", 0.5)).getConfig());
        assertEquals(new RMSprop(0.5).getConfig(), Optimizers.fromConfig(Map.of("name", "RMSprop", "learningRate", 0.5)).getConfig());
        assertEquals(new Adagrad(0.5).getConfig(), Optimizers.fromConfig(Map.of("name", "Adagrad", "learningRate", 0.5)).getConfig());
    }

    @Test
    void anyNumberTypeIsAccepted() {
        Optimizer sgd = Optimizers.fromConfig(Map.of("name", "SGD", "learningRate", 1, "momentum", 0.5f));
        assertEquals(1.0, sgd.learningRate());
        assertEquals(0.5, sgd.getConfig().get("momentum"));
    }

    @Test
    void badConfigsAreRejectedWithAClearMessage() {
        assertRejected(Map.of("name", "Adamax", "learningRate", 0.1), "unknown optimizer name Adamax");
        assertRejected(Map.of("learningRate", 0.1), "unknown optimizer name null");
        assertRejected(Map.of("name", "Adam"), "Adam config: missing 'learningRate'");
        assertRejected(Map.of("name", "Adam", "learningRate", 0.1, "beta_1", 0.9), "Adam config: unknown keys [beta_1]");
        assertRejected(Map.of("name", "Adam", "learningRate", 0.1, "beta1", "0.9"), "'beta1' must be a number");
        assertRejected(Map.of("name", "Adam", "learningRate", 0.1, "amsgrad", 1), "'amsgrad' must be a boolean");
        assertRejected(Map.of("name", "Adam", "learningRate", 0.1, "beta1", 1.5), "Adam: beta1 must be in [0, 1), got 1.5");
        assertRejected(Map.of("name", "SGD", "learningRate", 0.1, "clipNorm", -1), "SGD: clipNorm must be");
    }

    private static void assertRejected(Map<String, ?> config, String fragment) {
        Map<String, Object> copy = new HashMap<>(config);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig(copy));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
