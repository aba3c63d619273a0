package io.javagrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays PyTorch trajectories (fixtures/make_optim_fixtures.py): 5 steps from the same params and grads. */
class OptimizerFixtureTest {
    /** float32 rounding: a few ulps relative, plus one ulp of the O(1) inputs for elements that cancel near 0. */
    private static final double RELATIVE = 1e-6;
    private static final double ABSOLUTE = 1e-7;

    @ParameterizedTest
    @ValueSource(strings = {"sgd_plain", "sgd_momentum", "sgd_nesterov_weight_decay", "adam", "adam_amsgrad", "adamw",
            "rmsprop_centered_momentum", "adagrad", "sgd_cosine_warmup", "adam_clip_norm", "sgd_clip_value"})
    void matchesPyTorchAfterEveryStep(String name) {
        Fixture f = Fixture.load(name);
        Optimizer optimizer = Optimizers.fromConfig(f.config);
        List<Tensor> params = f.newParameters();
        optimizer.setParameters(params);
        for (int step = 1; step <= Fixture.STEPS; step++) {
            f.step(optimizer, params, step);
            assertMatches(f, params, step, name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd_momentum", "sgd_nesterov_weight_decay", "adam_amsgrad", "adamw",
            "rmsprop_centered_momentum", "adagrad", "sgd_cosine_warmup"})
    void resumingFromExportedStateAndConfigContinuesIdentically(String name) {
        Fixture f = Fixture.load(name);
        Optimizer original = Optimizers.fromConfig(f.config);
        List<Tensor> params = f.newParameters();
        original.setParameters(params);
        f.step(original, params, 1);
        f.step(original, params, 2);

        List<Tensor> resumedParams = copies(params);
        Optimizer resumed = Optimizers.fromConfig(original.getConfig()).setParameters(resumedParams);
        resumed.loadState(original.state());
        for (int step = 3; step <= Fixture.STEPS; step++) {
            f.step(original, params, step);
            f.step(resumed, resumedParams, step);
            for (int i = 0; i < params.size(); i++) {
                assertArrayEquals(params.get(i).toFloatArray(), resumedParams.get(i).toFloatArray(), name + " step " + step);
            }
            assertMatches(f, resumedParams, step, name);
        }
    }

    private static List<Tensor> copies(List<Tensor> params) {
        return params.stream().map(p -> Tensor.of(p.toFloatArray(), p.shape()).requiresGrad(true)).toList();
    }

    private static void assertMatches(Fixture f, List<Tensor> params, int step, String name) {
        for (int i = 0; i < params.size(); i++) {
            float[] actual = params.get(i).toFloatArray();
            float[] expected = f.after[step - 1][i];
            for (int k = 0; k < expected.length; k++) {
                double error = Math.abs(actual[k] - expected[k]);
                String where = name + ": step " + step + ", param " + i + ", element " + k;
                assertTrue(error <= RELATIVE * Math.abs(expected[k]) + ABSOLUTE,
                        where + ": expected " + expected[k] + ", got " + actual[k]);
            }
        }
    }
}
