package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Parallelism;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.metrics.MeanAbsoluteError;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FitTest {
    private static final FitOptions QUIET = FitOptions.defaults().verbose(false);

    private static Sequential regressionModel(long seed) {
        Sequential model = new Sequential(4);
        model.setSeed(seed);
        model.add(new Dense(1));
        return model;
    }

    @Test
    void fitLearnsAndRecordsEveryEpoch() {
        Tensor[] data = ModelFixtures.regression(1, 64);
        Sequential model = regressionModel(1);
        model.compile(new ModelFixtures.PlainSgd(0.1), Losses.meanSquaredError(), new MeanAbsoluteError());
        History h = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(30).batchSize(16));
        assertEquals(List.of("loss", "mean_absolute_error", "learning_rate"), new ArrayList<>(h.keys()));
        assertEquals(30, h.epochs());
        assertTrue(h.get("loss").get(29) < 1e-3 * h.get("loss").get(0), h.toString());
        assertEquals(0.1, h.last("learning_rate"), 1e-12);
        Map<String, Double> eval = model.evaluate(data[0], data[1]);
        assertEquals(List.of("loss", "mean_absolute_error"), new ArrayList<>(eval.keySet()));
        double mse = Losses.meanSquaredError().compute(data[1], model.predict(data[0])).item();
        assertEquals(mse, eval.get("loss"), 1e-6);
    }

    @Test
    void reusingWeightGradientStorageBetweenStepsChangesNoResult() {
        // The optimizer reads gradients without handing them out, so each step's Dense weight gradient is written
        // into the previous one's storage. A callback that takes every gradient (grad()) stops that reuse; the
        // trained weights must be the same to the bit either way.
        Tensor[] data = ModelFixtures.regression(3, 48);
        List<float[]> weights = new ArrayList<>();
        for (boolean holdGradients : new boolean[] {false, true}) {
            Sequential model = new Sequential(4);
            model.setSeed(5);
            model.add(new Dense(6).activation("relu"));
            model.add(new Dense(1));
            model.compile(new Adam(0.01), Losses.meanSquaredError());
            List<Tensor> held = new ArrayList<>();
            FitOptions options = FitOptions.defaults().verbose(false).epochs(3).batchSize(8);
            model.fit(data[0], data[1], options.callbacks(new Callback() {
                @Override
                public void onAfterBackward(int batch) {
                    if (holdGradients) {
                        model.trainableParameters().forEach(p -> held.add(p.grad()));
                    }
                }
            }));
            List<Float> all = new ArrayList<>();
            model.trainableParameters().forEach(p -> {
                for (float v : p.toFloatArray()) {
                    all.add(v);
                }
            });
            float[] flat = new float[all.size()];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = all.get(i);
            }
            weights.add(flat);
            if (holdGradients) {
                assertEquals(3 * 6 * 4, held.size(), "4 parameters, 6 batches, 3 epochs");
            }
        }
        assertArrayEquals(weights.get(0), weights.get(1), 0);
    }

    @Test
    void batchTransformSeesEveryTrainingBatchButNotValidation() {
        Tensor[] data = ModelFixtures.regression(1, 40);
        Sequential model = regressionModel(1);
        model.compile(new ModelFixtures.PlainSgd(0.1), Losses.meanSquaredError());
        int[] seen = new int[1];
        io.javagrad.layers.data.BatchTransform zeroTargets = (batch, rng) -> {
            seen[0] += batch.size();
            return new io.javagrad.layers.data.Dataset.Batch(batch.xs(), List.of(batch.y().mul(0)));
        };
        History h = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(3).batchSize(8)
                .validationSplit(0.25).batchTransform(zeroTargets));
        assertEquals(3 * 30, seen[0], "every training sample, every epoch, and no validation sample");
        // Trained towards zero targets: the transformed batches, not the originals, reached the loss.
        assertTrue(h.last("loss") < h.get("loss").get(0), h.toString());
        assertTrue(h.last("val_loss") > h.last("loss"), h.toString());
    }

    @Test
    void validationSplitTakesTheLastSamples() {
        Tensor[] data = ModelFixtures.regression(2, 50);
        Sequential model = regressionModel(2);
        model.compile(new ModelFixtures.PlainSgd(0.0), Losses.meanSquaredError());
        int[] samples = new int[1];
        History h = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).validationSplit(0.2)
                .callbacks(new Callback() {
                    @Override
                    public void onTrainBegin(TrainingContext run) {
                        samples[0] = run.samples();
                    }
                }));
        assertEquals(40, samples[0]);
        double expected = model.evaluate(List.of(data[0].slice(0, 40, 50)), List.of(data[1].slice(0, 40, 50)), 32)
                .get("loss");
        assertEquals(expected, h.last("val_loss"), 1e-6);
        History h2 = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).validationData(data[0], data[1]));
        assertTrue(h2.keys().contains("val_loss"));
    }

    @Test
    void regularizationLossIsReportedSeparatelyAndIncluded() {
        Tensor[] data = ModelFixtures.regression(3, 20);
        Sequential model = new Sequential(4);
        model.add(new Dense(1).kernelRegularizer(Regularizers.l2(0.5)));
        model.compile(new ModelFixtures.PlainSgd(0), Losses.meanSquaredError());
        History h = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).batchSize(20));
        Tensor kernel = model.weights().get(0).value();
        double penalty = 0.5 * kernel.square().sum().item();
        double mse = Losses.meanSquaredError().compute(data[1], model.predict(data[0])).item();
        assertEquals(penalty, h.last("regularization_loss"), 1e-5);
        assertEquals(mse + penalty, h.last("loss"), 1e-4);
    }

    @Test
    void classWeightsBecomeSampleWeights() {
        Tensor[] data = ModelFixtures.blobs(4, 12);
        Sequential model = new Sequential(2);
        model.add(new Dense(2));
        Loss loss = Losses.sparseCategoricalCrossentropy(true);
        model.compile(new ModelFixtures.PlainSgd(0), loss);
        History h = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).batchSize(12).shuffle(false)
                .classWeights(Map.of(1, 3.0)));
        double[] w = new double[12];
        for (int i = 0; i < 12; i++) {
            w[i] = i % 2 == 1 ? 3 : 1;
        }
        double expected = loss.compute(data[1], model.predict(data[0]), Tensor.of(w, 12).to(data[0].dtype())).item();
        assertEquals(expected, h.last("loss"), 1e-5);
        Tensor oneHot = Tensor.of(new float[][] {{0, 1}, {1, 0}});
        assertArrayEquals(new float[] {3, 1}, ClassWeights.sampleWeights(Map.of(1, 3.0), oneHot).toFloatArray());
    }

    @Test
    void multiOutputLossIsTheWeightedSum() {
        Input in = Input.of(4);
        SymbolicTensor h = new Dense(3).apply(in);
        Model model = new Model(List.of(in), List.of(new Dense(1).apply(h), new Dense(2).apply(h)));
        Loss mse = Losses.meanSquaredError();
        Loss sce = Losses.sparseCategoricalCrossentropy(true);
        model.compile(new ModelFixtures.PlainSgd(0), List.of(mse, sce), new double[] {2, 0.5},
                List.of(List.of(new MeanAbsoluteError()), List.of(new SparseCategoricalAccuracy())));
        Tensor[] reg = ModelFixtures.regression(5, 10);
        Tensor classes = ModelFixtures.blobs(5, 10)[1];
        History hist = model.fit(List.of(reg[0]), List.of(reg[1], classes),
                FitOptions.defaults().verbose(false).batchSize(10));
        assertEquals(List.of("loss", "dense_1_loss", "dense_2_loss", "dense_1_mean_absolute_error",
                "dense_2_sparse_categorical_accuracy", "learning_rate"), new ArrayList<>(hist.keys()));
        List<Tensor> pred = model.predict(List.of(reg[0]), 4);
        double l1 = mse.compute(reg[1], pred.get(0)).item();
        double l2 = sce.compute(classes, pred.get(1)).item();
        assertEquals(l1, hist.last("dense_1_loss"), 1e-5);
        assertEquals(2 * l1 + 0.5 * l2, hist.last("loss"), 1e-4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.compile(new ModelFixtures.PlainSgd(0), Losses.meanSquaredError()));
        assertTrue(e.getMessage().contains("one loss per output (2), got 1"), e.getMessage());
    }

    @Test
    void badInputsAreRejectedWithTheirValues() {
        Sequential model = regressionModel(6);
        Tensor x = Tensor.zeros(100, 4);
        IllegalStateException notCompiled = assertThrows(IllegalStateException.class,
                () -> model.fit(x, Tensor.zeros(100, 1), QUIET));
        assertTrue(notCompiled.getMessage().contains("compile"));
        model.compile(new ModelFixtures.PlainSgd(0.1), Losses.meanSquaredError());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(x, Tensor.zeros(90, 1), QUIET));
        assertEquals("Sequential 'sequential': x and y must have the same number of samples, got 100 samples"
                + " (shape [100, 4]) for x and 90 samples (shape [90, 1]) for y", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.fit(Tensor.zeros(10, 5), Tensor.zeros(10, 1), QUIET));
        assertTrue(e.getMessage().contains("(None, 4)") && e.getMessage().contains("[10, 5]"), e.getMessage());
        assertEquals("FitOptions: epochs must be > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().epochs(0)).getMessage());
        assertEquals("batch size must be > 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().batchSize(-1)).getMessage());
        assertEquals("FitOptions: validationSplit must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().validationSplit(1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().validationSplit(-0.1));
        assertThrows(IllegalArgumentException.class, () -> model.predict(x, 0));

        Sequential classifier = new Sequential(2);
        classifier.add(new Dense(3));
        classifier.compile(new ModelFixtures.PlainSgd(0.1), Losses.sparseCategoricalCrossentropy(true));
        e = assertThrows(IllegalArgumentException.class,
                () -> classifier.fit(Tensor.zeros(2, 2), Tensor.of(new float[] {0, 3}, 2), QUIET));
        assertTrue(e.getMessage().contains("3.0") && e.getMessage().contains("[0, 3)"), e.getMessage());
    }

    @Test
    void sameSeedAndDataGiveBitIdenticalWeights() {
        List<float[]> first = trainWithDropout(11);
        List<float[]> second = trainWithDropout(11);
        List<float[]> other = trainWithDropout(12);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i));
        }
        assertFalse(Arrays.equals(first.get(0), other.get(0)));
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalWeightsAndLosses() {
        // Big enough that the layers' products split across threads, that the second hidden layer's input and weight
        // gradients are computed at once on two threads, and that fit copies each next shuffled batch on the pool's
        // worker.
        Tensor[] data = ModelFixtures.blobs(13, 256);
        Tensor x = data[0].matmul(Tensor.randn(new Rng(3), DType.FLOAT32,
                data[0].shape(1), 300));
        int saved = Parallelism.threads();
        List<List<float[]>> weights = new ArrayList<>();
        List<List<Double>> losses = new ArrayList<>();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallelism.setThreads(threads);
                Sequential model = new Sequential(300);
                model.setSeed(17);
                model.add(new Dense(256).activation("relu")).add(new Dropout(0.2))
                        .add(new Dense(256).activation("relu")).add(new Dense(2));
                model.compile(new Adam(0.001), Losses.sparseCategoricalCrossentropy(true));
                History h = model.fit(x, data[1], FitOptions.defaults().verbose(false).epochs(2).batchSize(64));
                weights.add(ModelFixtures.snapshot(model));
                losses.add(h.get("loss"));
            }
        } finally {
            Parallelism.setThreads(saved);
        }
        assertEquals(losses.get(0), losses.get(1));
        for (int i = 0; i < weights.get(0).size(); i++) {
            assertArrayEquals(weights.get(0).get(i), weights.get(1).get(i), "weight " + i);
        }
    }

    private static List<float[]> trainWithDropout(long seed) {
        Tensor[] data = ModelFixtures.regression(7, 40);
        Sequential model = new Sequential(4);
        model.setSeed(seed);
        model.add(new Dense(8).activation("relu")).add(new Dropout(0.3)).add(new Dense(1));
        model.compile(new Adam(0.01), Losses.meanSquaredError());
        model.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(3).batchSize(8));
        return ModelFixtures.snapshot(model);
    }

    @Test
    void transferLearningFreezesAndUnfreezesTheBase() {
        Tensor[] data = ModelFixtures.regression(8, 32);
        Sequential base = new Sequential(4);
        base.add(new Dense(8).activation("tanh"));
        Sequential pretrain = new Sequential(4);
        pretrain.setSeed(1);
        pretrain.add(base).add(new Dense(1));
        pretrain.compile(new ModelFixtures.PlainSgd(0.05), Losses.meanSquaredError());
        pretrain.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(2));

        base.setTrainable(false);
        Sequential transfer = new Sequential(4);
        transfer.add(base).add(new Dense(1));
        transfer.compile(new ModelFixtures.PlainSgd(0.05), Losses.meanSquaredError());
        transfer.build();
        List<float[]> baseBefore = ModelFixtures.snapshot(base);
        List<float[]> headBefore = ModelFixtures.snapshot(transfer.getLayer(1).weights());
        transfer.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(2));
        List<float[]> baseFrozen = ModelFixtures.snapshot(base);
        for (int i = 0; i < baseBefore.size(); i++) {
            assertArrayEquals(baseBefore.get(i), baseFrozen.get(i));
        }
        assertFalse(Arrays.equals(headBefore.get(0), transfer.getLayer(1).weights().get(0).value().toFloatArray()));

        base.setTrainable(true);
        transfer.compile(new ModelFixtures.PlainSgd(0.005), Losses.meanSquaredError());
        transfer.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(1));
        assertFalse(Arrays.equals(baseFrozen.get(0), base.weights().get(0).value().toFloatArray()));
    }

    @Test
    void handWrittenLoopTrainsAModel() {
        Tensor[] data = ModelFixtures.regression(9, 32);
        Sequential model = regressionModel(9);
        Loss mse = Losses.meanSquaredError();
        ModelFixtures.PlainSgd optimizer = new ModelFixtures.PlainSgd(0.1);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 50; step++) {
            Tensor loss = mse.compute(data[1], model.call(data[0], true));
            if (step == 0) {
                optimizer.setParameters(model.trainableParameters());
                first = loss.item();
            }
            loss.backward();
            optimizer.step();
            optimizer.zeroGrad();
            last = loss.item();
        }
        assertTrue(last < first * 1e-3, first + " -> " + last);
    }

    @Test
    void batchSizeScheduleGrowsTheBatches() {
        Tensor[] data = ModelFixtures.regression(10, 32);
        Sequential model = regressionModel(10);
        model.compile(new ModelFixtures.PlainSgd(0.01), Losses.meanSquaredError());
        List<Integer> steps = new ArrayList<>();
        Callback counter = new Callback() {
            private TrainingContext run;

            @Override
            public void onTrainBegin(TrainingContext context) {
                run = context;
            }

            @Override
            public void onEpochBegin(int epoch) {
                steps.add(run.stepsPerEpoch());
            }
        };
        History h = model.fit(data[0], data[1], FitOptions.defaults().verbose(false).epochs(4).batchSize(4)
                .batchSizeSchedule(BatchSizeSchedule.growing(2, 1, 16)).callbacks(counter));
        assertEquals(List.of(8, 4, 2, 2), steps);
        assertEquals(List.of(4.0, 8.0, 16.0, 16.0), h.get("batch_size"));
    }

    @Test
    void fitsADatasetAndStopsWhenACallbackAsks() {
        Tensor[] data = ModelFixtures.regression(11, 40);
        Sequential model = regressionModel(11);
        model.compile(new ModelFixtures.PlainSgd(0.01), Losses.meanSquaredError());
        int[] batches = new int[1];
        Callback stopper = new Callback() {
            private Model m;

            @Override
            public void onTrainBegin(TrainingContext run) {
                m = run.model();
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                batches[0]++;
                if (batch == 2) {
                    m.stopTraining();
                }
            }
        };
        History h = model.fit(new Dataset(data[0], data[1]),
                FitOptions.defaults().verbose(false).epochs(5).batchSize(4).callbacks(stopper));
        assertEquals(3, batches[0]);
        assertEquals(1, h.epochs());
        assertEquals(List.of("loss"), new ArrayList<>(model.evaluate(new Dataset(data[0], data[1]), 8).keySet()));
    }
}
