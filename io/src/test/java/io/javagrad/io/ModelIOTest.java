package io.javagrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.Hdf5Files;
import io.javagrad.io.hdf5.Hdf5Read;
import io.jhdf.api.Dataset;
import io.javagrad.layers.Add;
import io.javagrad.layers.Concatenate;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Input;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.SymbolicTensor;
import io.javagrad.layers.Weight;
import io.javagrad.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {
    @TempDir
    Path dir;

    @Test
    void predictionsAreBitIdenticalAfterLoading() throws IOException {
        Sequential model = TestModels.cnn(3);
        Tensor x = TestModels.images(16);
        model.fit(x, TestModels.labels(16), FitOptions.defaults().epochs(1).batchSize(8).verbose(false));
        Path file = dir.resolve("cnn.h5");
        ModelIO.save(model, file);

        Model loaded = ModelIO.load(file);
        assertArrayEquals(model.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
        Weight movingMean = loaded.getLayer("batch_normalization").namedWeights().get("moving_mean");
        assertArrayEquals(model.getLayer("batch_normalization").namedWeights().get("moving_mean").value().toFloatArray(),
                movingMean.value().toFloatArray());
        assertTrue(loaded.optimizer() instanceof Adam);
        assertEquals(model.optimizer().stepCount(), loaded.optimizer().stepCount());
        assertEquals(model.summary(), loaded.summary());
    }

    @Test
    void fileHasKerasLayoutAndConfigs() throws IOException {
        Sequential model = TestModels.cnn(3);
        Path file = dir.resolve("cnn.h5");
        ModelIO.save(model, file);
        Hdf5Files.read(file, h5 -> {
            assertEquals(ModelIO.KERAS_VERSION, h5.getAttribute("keras_version").getData());
            assertEquals("tensorflow", h5.getAttribute("backend").getData());
            Map<String, Object> training = Json.parseObject((String) h5.getAttribute("training_config").getData());
            assertEquals(List.of("loss", "metrics", "weighted_metrics", "loss_weights", "optimizer_config"),
                    List.copyOf(training.keySet()));
            Map<?, ?> optimizer = (Map<?, ?>) training.get("optimizer_config");
            assertEquals("Adam", optimizer.get("class_name"));
            assertEquals(0.01, ((Map<?, ?>) optimizer.get("config")).get("learning_rate"));
            assertEquals(List.of("accuracy"), training.get("metrics"));
            assertEquals("Sequential", Json.parseObject((String) h5.getAttribute("model_config").getData()).get("class_name"));
            assertArrayEquals(new String[] {"conv2d/kernel:0", "conv2d/bias:0"},
                    (String[]) Hdf5Read.node(h5, "model_weights/conv2d").getAttribute("weight_names").getData());
            // Keras's HWIO kernel layout, converted from OIHW [3, 1, 3, 3]
            assertArrayEquals(new int[] {3, 3, 1, 3}, ((Dataset) Hdf5Read.node(h5, "model_weights/conv2d/conv2d/kernel:0")).getDimensions());
            assertArrayEquals(new String[] {"batch_normalization/gamma:0", "batch_normalization/beta:0", "batch_normalization/moving_mean:0",
                    "batch_normalization/moving_variance:0"},
                    (String[]) Hdf5Read.node(h5, "model_weights/batch_normalization").getAttribute("weight_names").getData());
            return null;
        });
    }

    @Test
    void resumedTrainingIsBitIdenticalToUninterruptedTraining() throws IOException {
        Tensor x = TestModels.features(40);
        Tensor y = TestModels.labels(40);
        FitOptions twoEpochs = FitOptions.defaults().epochs(2).batchSize(8).verbose(false);

        Sequential straight = TestModels.mlp(11);
        straight.fit(x, y, FitOptions.defaults().epochs(4).batchSize(8).verbose(false));

        Sequential first = TestModels.mlp(11);
        History firstHistory = first.fit(x, y, twoEpochs);
        Path file = dir.resolve("half.h5");
        ModelIO.save(first, file);
        LoadedModel loaded = ModelIO.loadDetailed(file);
        assertEquals(firstHistory.asMap(), loaded.history().asMap());
        assertEquals(firstHistory.asMap(), loaded.model().history().asMap());
        loaded.model().fit(x, y, twoEpochs);

        List<Weight> expected = straight.weights();
        List<Weight> actual = loaded.model().weights();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).value().toFloatArray(), actual.get(i).value().toFloatArray(),
                    "weight " + i + " " + expected.get(i));
        }
        assertEquals(straight.optimizer().stepCount(), loaded.model().optimizer().stepCount());
    }

    @Test
    void withoutOptimizerStateTheOptimizerStartsAfresh() throws IOException {
        Sequential model = TestModels.mlp(1);
        model.fit(TestModels.features(8), TestModels.labels(8), FitOptions.defaults().epochs(1).verbose(false));
        Path file = dir.resolve("m.h5");
        ModelIO.save(model, file, SaveOptions.defaults().includeOptimizer(false));
        Model loaded = ModelIO.load(file);
        assertEquals(0, loaded.optimizer().stepCount());
        assertEquals(model.optimizer().getConfig(), loaded.optimizer().getConfig());
    }

    @Test
    void metadataRecordsVersionsSeedTimeAndUserEntries() throws IOException {
        Sequential model = TestModels.mlp(42);
        Path file = dir.resolve("m.h5");
        ModelIO.save(model, file, SaveOptions.metadata(Map.of("data", "iris.csv")).put("script", "train.sh"));
        Metadata m = ModelIO.readMetadata(file);
        assertNotNull(m);
        assertEquals(42, m.seed());
        assertEquals(System.getProperty("java.version"), m.javaVersion());
        assertTrue(m.libraryVersion().matches("\\d+\\.\\d+.*"), m.libraryVersion());
        assertTrue(java.time.Instant.parse(m.created()).isBefore(java.time.Instant.now().plusSeconds(1)));
        assertEquals(Map.of("data", "iris.csv", "script", "train.sh"), m.entries());
        assertEquals(m, ModelIO.loadDetailed(file).metadata());
        assertEquals(42, ModelIO.load(file).seed());
    }

    @Test
    void uncompiledModelsLoadUncompiled() throws IOException {
        Sequential model = new Sequential(3);
        model.add(new io.javagrad.layers.Dense(2));
        Path file = dir.resolve("plain.h5");
        ModelIO.save(model, file);
        Model loaded = ModelIO.load(file);
        assertEquals(null, loaded.optimizer());
        Tensor x = TestModels.features(4).slice(1, 0, 3);
        assertArrayEquals(model.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
    }

    @Test
    void functionalModelWithMergeLayersGivesTheSamePredictionsAfterLoading() throws IOException {
        Input a = Input.of(4);
        Input b = Input.of(3);
        SymbolicTensor h = new Dense(3).activation("relu").apply(a);
        SymbolicTensor joined = new Concatenate().apply(List.of(new Add().apply(List.of(h, b)), a));
        Model model = new Model(List.of(a, b), List.of(new Dense(2).apply(joined)));
        model.setSeed(4);
        model.build();
        Path file = dir.resolve("merge.h5");
        ModelIO.save(model, file);

        Model loaded = ModelIO.load(file);
        List<Tensor> x = List.of(TestModels.features(5), TestModels.features(5).slice(1, 1, 4));
        assertEquals(model.getConfig(), loaded.getConfig());
        assertArrayEquals(model.predict(x, 5).get(0).toFloatArray(), loaded.predict(x, 5).get(0).toFloatArray());
    }
}
