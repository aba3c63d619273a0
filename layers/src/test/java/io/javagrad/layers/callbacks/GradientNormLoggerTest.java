package io.javagrad.layers.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Autograd;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Callback;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Losses;
import io.javagrad.layers.ModelFixtures;
import io.javagrad.layers.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientNormLoggerTest {
    private static final double LR = 0.05;
    private final Tensor[] data = ModelFixtures.regression(1, 16);

    private static Sequential model() {
        Sequential model = new Sequential(4);
        model.setSeed(7);
        model.add(new Dense(3).activation("tanh"));
        model.add(new Dense(1));
        model.compile(new ModelFixtures.PlainSgd(LR), Losses.meanSquaredError());
        return model;
    }

    private static double norm(List<Tensor> tensors) {
        double s = 0;
        for (Tensor t : tensors) {
            for (double v : t.toDoubleArray()) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static List<Tensor> grads(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(p.grad());
        }
        return out;
    }

    @Test
    void afterBackwardSeesTheBatchGradientsBeforeTheOptimizerStep() {
        Sequential model = model();
        model.build();
        List<String> events = new ArrayList<>();
        Callback probe = new Callback() {
            private List<float[]> before;

            @Override
            public void onBatchBegin(int batch) {
                before = ModelFixtures.snapshot(model);
                events.add("begin " + batch);
            }

            @Override
            public void onAfterBackward(int batch) {
                for (Tensor p : model.trainableParameters()) {
                    assertNotNull(p.grad(), "gradient present after backward");
                }
                List<float[]> now = ModelFixtures.snapshot(model);
                for (int i = 0; i < now.size(); i++) {
                    assertArrayEquals(before.get(i), now.get(i), "no optimizer step yet");
                }
                events.add("backward " + batch);
            }

            @Override
            public void onBatchEnd(int batch, java.util.Map<String, Double> logs) {
                events.add("end " + batch);
            }
        };
        model.fit(data[0], data[1], FitOptions.defaults().verbose(false).batchSize(8).callbacks(probe));
        assertEquals(List.of("begin 0", "backward 0", "end 0", "begin 1", "backward 1", "end 1"), events);
    }

    @Test
    void recordsTheMeanBatchGradientNormAndTheEpochEndParameterNormPerLayer() {
        // Expected values from a twin model stepped by hand over the same two unshuffled batches.
        Sequential twin = model();
        double[] gradNorms = new double[2];
        for (int b = 0; b < 2; b++) {
            Tensor x = data[0].slice(0, 8 * b, 8 * b + 8);
            Tensor y = data[1].slice(0, 8 * b, 8 * b + 8);
            Losses.meanSquaredError().compute(y, twin.call(x, true)).backward();
            gradNorms[b] = norm(grads(twin.getLayer("dense").trainableParameters()));
            try (Autograd.Scope s = Autograd.noGrad()) {
                for (Tensor p : twin.trainableParameters()) {
                    p.subInPlace(p.grad().mul(LR));
                    p.zeroGrad();
                }
            }
        }
        double paramNorm = norm(twin.getLayer("dense").trainableParameters());

        Sequential model = model();
        GradientNormLogger logger = new GradientNormLogger();
        History history = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).batchSize(8)
                .shuffle(false).epochs(2).callbacks(logger));
        assertEquals((gradNorms[0] + gradNorms[1]) / 2, history.get("grad_norm/dense").get(0), 1e-6);
        assertEquals(paramNorm, history.get("param_norm/dense").get(0), 1e-6);
        assertTrue(history.keys().contains("grad_norm/dense_1"));

        List<GradientNormLogger.Row> rows = logger.norms();
        assertEquals(4, rows.size(), "2 epochs x 2 layers");
        assertEquals(new GradientNormLogger.Row(1, "dense_1", history.get("param_norm/dense_1").get(1),
                history.get("grad_norm/dense_1").get(1)), rows.get(3));
        String table = logger.table();
        assertEquals(5, table.lines().count(), table);
        assertTrue(table.lines().findFirst().orElseThrow().matches("epoch +layer +param_norm +grad_norm"), table);
        assertTrue(table.lines().skip(4).findFirst().orElseThrow().matches(" +2 +dense_1 +[0-9.e-]+ +[0-9.e-]+"),
                table);
    }

    @Test
    void frozenLayersAreLeftOut() {
        Sequential model = model();
        model.build();
        model.getLayer("dense").setTrainable(false);
        History history = model.fit(data[0], data[1], FitOptions.defaults().verbose(false)
                .callbacks(new GradientNormLogger()));
        assertTrue(history.keys().contains("grad_norm/dense_1"));
        assertFalse(history.keys().contains("grad_norm/dense"), history.keys().toString());
    }
}
