package io.javagrad.layers.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Callback;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Losses;
import io.javagrad.layers.ModelFixtures;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.TrainingContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
    private final Tensor[] data = ModelFixtures.regression(1, 16);

    private Sequential model(double lr) {
        Sequential model = new Sequential(4);
        model.setSeed(1);
        model.add(new Dense(1));
        model.compile(new ModelFixtures.PlainSgd(lr), Losses.meanSquaredError());
        return model;
    }

    /** Puts a scripted value {@code score} into the epoch logs, before the callbacks after it see them. */
    private static Callback script(double... scores) {
        return new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                logs.put("score", scores[epoch]);
            }
        };
    }

    private History fit(Sequential model, int epochs, Callback... callbacks) {
        return model.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(epochs).batchSize(8)
                .callbacks(callbacks));
    }

    @Test
    void earlyStoppingWaitsPatienceEpochsAndRestoresTheBest() {
        Sequential model = model(0.05);
        List<List<float[]>> weightsPerEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                weightsPerEpoch.add(ModelFixtures.snapshot(model));
            }
        };
        EarlyStopping stop = new EarlyStopping("score", 0.1, 2, MonitorMode.MIN, true);
        History h = fit(model, 10, script(5, 4, 3.95, 4.5, 3, 1), recorder, stop);
        assertEquals(4, h.epochs());
        assertEquals(3, stop.stoppedEpoch());
        assertEquals(1, stop.bestEpoch());
        List<float[]> now = ModelFixtures.snapshot(model);
        for (int i = 0; i < now.size(); i++) {
            assertArrayEquals(weightsPerEpoch.get(1).get(i), now.get(i));
        }
    }

    @Test
    void earlyStoppingAutoModeMaximizesAccuracies() {
        EarlyStopping stop = new EarlyStopping("val_accuracy", 0, 1, MonitorMode.AUTO, false);
        Callback accuracy = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                logs.put("val_accuracy", new double[] {0.5, 0.6, 0.7, 0.65, 0.9}[epoch]);
            }
        };
        assertEquals(4, fit(model(0.01), 5, accuracy, stop).epochs());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss", -1, 1, MonitorMode.MIN, false));
    }

    @Test
    void checkpointWritesFormattedPathsOnImprovement() {
        List<String> written = new ArrayList<>();
        ModelWriter writer = (m, path) -> written.add(path.toString());
        ModelCheckpoint best = new ModelCheckpoint("ckpt-{epoch:02d}-{score:.2f}.h5", writer, "score", true);
        fit(model(0.01), 4, script(3, 2, 2.5, 1), best);
        assertEquals(List.of("ckpt-01-3.00.h5", "ckpt-02-2.00.h5", "ckpt-04-1.00.h5"), written);
        written.clear();
        fit(model(0.01), 2, new ModelCheckpoint("every-{epoch}.h5", writer, "loss", false));
        assertEquals(List.of("every-1.h5", "every-2.h5"), written);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCheckpoint.fileName("x-{val_acc}.h5", 1, Map.of("loss", 1.0)));
        assertTrue(e.getMessage().contains("{val_acc}") && e.getMessage().contains("[loss]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("x-{epoch:x}", writer, "loss", false));
    }

    @Test
    void learningRateSchedulerSetsTheRateEachEpoch() {
        History h = fit(model(1), 3, new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1)));
        assertEquals(List.of(0.1, 0.05, 0.1 / 3), h.get("learning_rate"));
        History h2 = fit(model(1), 2, LearningRateScheduler.of(t -> 0.01 * (t + 1)));
        assertEquals(List.of(0.01, 0.02), h2.get("learning_rate"));
        assertThrows(IllegalArgumentException.class,
                () -> fit(model(1), 1, new LearningRateScheduler((epoch, lr) -> Double.NaN)));
    }

    @Test
    void reduceLrOnPlateauFollowsKerasRules() {
        ReduceLROnPlateau reduce = new ReduceLROnPlateau("score", 0.5, 2, 0.02, 1);
        History h = fit(model(0.1), 8, script(1, 1, 1, 1, 1, 1, 1, 1), reduce);
        assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02), h.get("learning_rate"));
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau("loss", 1.0, 1, 0, 0));
    }

    @Test
    void terminateOnNaNStopsAtTheBadBatch() {
        float[] x = data[0].toFloatArray();
        x[4 * 9] = Float.NaN;
        Tensor bad = Tensor.of(x, 16, 4);
        Sequential model = model(0.01);
        int[] batches = new int[1];
        Callback counter = new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                batches[0]++;
            }
        };
        History h = model.fit(bad, data[1], FitOptions.defaults().verbose(false).epochs(3).batchSize(4).shuffle(false)
                .callbacks(new TerminateOnNaN(), counter));
        assertEquals(3, batches[0]);
        assertEquals(1, h.epochs());
        assertTrue(model.isStopTrainingRequested());
    }

    @Test
    void csvLoggerWritesOneLinePerEpoch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.csv");
        fit(model(0.01), 2, new CSVLogger(file));
        List<String> lines = Files.readAllLines(file);
        assertEquals("epoch,learning_rate,loss", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("1,0.01,"), lines.get(2));
        fit(model(0.01), 1, new CSVLogger(file, ";", true));
        lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("0;0.01;"), lines.get(3));
    }

    @Test
    void progressBarPrintsKerasLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        fit(model(0.01), 2, new ProgressBar(out, false));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).matches("Epoch 2/2 - \\d+\\.\\ds - loss: \\d+\\.\\d{4} - learning_rate: 0\\.0100"),
                lines.get(1));

        bytes.reset();
        fit(model(0.01), 1, new ProgressBar(out, true));
        String live = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(live.startsWith("\r1/2 [==============>...............] - ETA: "), live);
        assertTrue(live.contains("\r2/2 [==============================] - ETA: 0s - loss: "), live);
        assertTrue(live.contains("\rEpoch 1/1 - "), live);
        assertTrue(live.endsWith(System.lineSeparator()));
        assertEquals("1.2340e-04", ProgressBar.number(0.0001234));
        assertEquals("0.1235", ProgressBar.number(0.12345));
    }

    @Test
    void verboseSwitchesTheDefaultBarOnAndOff() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            Sequential model = model(0.01);
            model.fit(data[0], data[1], FitOptions.defaults().verbose(false));
            assertEquals("", bytes.toString(StandardCharsets.UTF_8));
            model.fit(data[0], data[1], FitOptions.defaults());
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("Epoch 1/1 - "));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void callbacksSeeTheRunLayout() {
        List<String> events = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext run) {
                events.add("train " + run.epochs() + " " + run.samples());
            }

            @Override
            public void onEpochBegin(int epoch) {
                events.add("epoch " + epoch);
            }

            @Override
            public void onBatchBegin(int batch) {
                events.add("batch " + batch);
            }

            @Override
            public void onTrainEnd(Map<String, Double> logs) {
                events.add("end " + logs.containsKey("loss"));
            }
        };
        fit(model(0.01), 1, spy);
        assertEquals(List.of("train 1 16", "epoch 0", "batch 0", "batch 1", "end true"), events);
    }
}
