package io.javagrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.KerasH5;
import io.javagrad.io.hdf5.KerasH5Content;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.callbacks.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights-only files, checkpoints, atomic writes and damaged or hostile model files. */
class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void weightsOnlyFilesLoadByLayerName() throws IOException {
        Sequential source = TestModels.mlp(1);
        Path file = dir.resolve("w.h5");
        ModelIO.saveWeights(source, file);
        Sequential target = TestModels.mlp(2);
        Tensor x = TestModels.features(5);
        assertTrue(!Arrays.equals(source.predict(x).toFloatArray(), target.predict(x).toFloatArray()));
        ModelIO.loadWeights(target, file);
        assertArrayEquals(source.predict(x).toFloatArray(), target.predict(x).toFloatArray());
        assertThrows(IOException.class, () -> ModelIO.load(file), "a weights-only file has no model config");
    }

    @Test
    void weightMismatchesAreAllReportedAndNothingIsLoaded() throws IOException {
        Path file = dir.resolve("w.h5");
        ModelIO.saveWeights(TestModels.mlp(1), file); // dense [4, 8] + [8], dropout, dense_1 [8, 3] + [3]
        Sequential other = new Sequential(4);
        other.add(new Dense(8).useBias(false).setName("dense"));
        other.add(new Dense(5).setName("dense_1"));
        other.add(new Dense(2).setName("head"));
        other.build();
        float[] before = other.getLayer("dense").namedWeights().get("kernel").value().toFloatArray();

        WeightMismatchException e = assertThrows(WeightMismatchException.class, () -> ModelIO.loadWeights(other, file));
        assertEquals(List.of("head/kernel", "head/bias"), e.missing());
        assertEquals(List.of("dense/bias"), e.unexpected());
        assertEquals(List.of("dense_1/kernel: file [8, 3], model [8, 5]", "dense_1/bias: file [3], model [5]"),
                e.misshaped());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(before, other.getLayer("dense").namedWeights().get("kernel").value().toFloatArray());
    }

    @Test
    void checkpointWithSaveBestOnlyWritesALoadableFile() throws IOException {
        Sequential model = TestModels.mlp(5);
        Path file = dir.resolve("best.h5");
        ModelCheckpoint checkpoint = new ModelCheckpoint(file.toString(), ModelIO::save, "loss", true);
        model.fit(TestModels.features(16), TestModels.labels(16),
                FitOptions.defaults().epochs(3).batchSize(8).verbose(false).callbacks(checkpoint));
        LoadedModel loaded = ModelIO.loadDetailed(file);
        int epochs = loaded.history().epochs();
        assertTrue(epochs >= 1 && epochs <= 3, "epochs " + epochs);
        assertEquals(model.history().get("loss").subList(0, epochs), loaded.history().get("loss"));
        assertTrue(loaded.model().optimizer() != null);
    }

    /** A layer whose config holds a value JSON cannot write. */
    private static final class Opaque extends Layer {
        Opaque() {
            super("opaque");
        }

        @Override
        protected Tensor forward(Tensor input, boolean training) {
            return input;
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> c = super.getConfig();
            c.put("thing", new Object());
            return c;
        }
    }

    @Test
    void aFailedWriteLeavesThePreviousFileIntact() throws IOException {
        Path file = dir.resolve("m.h5");
        Sequential good = TestModels.mlp(1);
        ModelIO.save(good, file);
        byte[] saved = Files.readAllBytes(file);

        Sequential bad = new Sequential(4);
        bad.add(new Dense(2));
        bad.add(new Opaque());
        IOException e = assertThrows(IOException.class, () -> ModelIO.save(bad, file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(saved, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        Tensor x = TestModels.features(3);
        assertArrayEquals(good.predict(x).toFloatArray(), ModelIO.load(file).predict(x).toFloatArray());
    }

    @Test
    void aTruncatedFileIsAnIOException() throws IOException {
        Path file = dir.resolve("m.h5");
        ModelIO.save(TestModels.cnn(1), file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ModelIO.load(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void anUnknownLayerClassIsNamedWithTheFile() throws IOException {
        Map<String, Object> config = Json.parseObject("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\","
                + " \"layers\": [{\"class_name\": \"Bogus\", \"config\": {\"name\": \"b\"}}]}}");
        Path file = dir.resolve("bogus.h5");
        KerasH5.write(file, new KerasH5Content(config, "2.13.1", "tensorflow", null, List.of(), List.of(), List.of()));
        IOException e = assertThrows(IOException.class, () -> ModelIO.load(file));
        assertTrue(e.getMessage().contains("'Bogus'") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void weightsThatDoNotFitTheConfigAreAMismatch() throws IOException {
        Path good = dir.resolve("good.h5");
        ModelIO.save(TestModels.mlp(1), good);
        KerasH5Content content = KerasH5.read(good);
        Sequential wider = new Sequential(4);
        wider.add(new Dense(9).setName("dense"));
        wider.add(new Dense(3).setName("dense_1"));
        Path file = dir.resolve("bad.h5");
        KerasH5.write(file, new KerasH5Content(wider.modelConfig(), content.kerasVersion(), content.backend(), null,
                content.layers(), List.of(), List.of()));
        WeightMismatchException e = assertThrows(WeightMismatchException.class, () -> ModelIO.load(file));
        assertEquals(List.of("dense/kernel: file [4, 8], model [4, 9]", "dense/bias: file [8], model [9]",
                "dense_1/kernel: file [8, 3], model [9, 3]"), e.misshaped());
        assertEquals(List.of(), e.unexpected());
    }

    @Test
    void anAbsurdlyLargeModelConfigIsAnIOException() throws IOException {
        Sequential huge = new Sequential(1000);
        huge.add(new Dense(2_000_000));
        Path file = dir.resolve("huge.h5");
        KerasH5.write(file, new KerasH5Content(huge.modelConfig(), "2.13.1", "tensorflow", null, List.of(), List.of(),
                List.of()));
        IOException e = assertThrows(IOException.class, () -> ModelIO.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void writersFitModelCheckpoint() throws IOException {
        Model model = TestModels.mlp(1);
        Path file = dir.resolve("w.h5");
        io.javagrad.layers.callbacks.ModelWriter writer = ModelIO::saveWeights;
        writer.write(model, file);
        ModelIO.loadWeights(TestModels.mlp(2), file);
    }
}
