package io.javagrad.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KerasH5RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void fullModelFileRoundTrips() throws IOException {
        KerasH5Content written = sampleModel(sampleConfig(3));
        Path file = dir.resolve("model.h5");
        KerasH5.write(file, written);
        assertContentEquals(written, KerasH5.read(file));
    }

    @Test
    void fileHasTheKerasLayout() throws IOException {
        Path file = dir.resolve("model.h5");
        KerasH5.write(file, sampleModel(sampleConfig(3)));
        Hdf5Files.read(file, h5 -> {
            assertEquals("2.13.1", h5.getAttribute("keras_version").getData());
            assertEquals("2.13.1", h5.getByPath("model_weights").getAttribute("keras_version").getData());
            assertArrayEquals(new String[] {"dense", "flatten", "conv2d"},
                    (String[]) h5.getByPath("model_weights").getAttribute("layer_names").getData());
            assertArrayEquals(new String[] {"dense/kernel:0", "dense/bias:0"},
                    (String[]) h5.getByPath("model_weights/dense").getAttribute("weight_names").getData());
            assertNull(h5.getByPath("model_weights/flatten").getAttribute("weight_names"));
            Dataset kernel = h5.getDatasetByPath("model_weights/dense/dense/kernel:0");
            assertArrayEquals(new int[] {3, 2}, kernel.getDimensions());
            assertEquals(float.class, kernel.getJavaType());
            assertTrue(h5.getByPath("javagrad/optimizer/tensors/dense/kernel/m") instanceof Dataset);
            return null;
        });
    }

    @Test
    void weightsOnlyFileHasLayerNamesAtTheRoot() throws IOException {
        KerasH5Content full = sampleModel(sampleConfig(3));
        KerasH5Content weightsOnly = new KerasH5Content(null, "2.13.1", "tensorflow", null, full.layers(), List.of(), List.of());
        Path file = dir.resolve("weights.h5");
        KerasH5.write(file, weightsOnly);
        assertContentEquals(weightsOnly, KerasH5.read(file));
        Hdf5Files.read(file, h5 -> {
            assertNull(h5.getChildren().get("model_weights"));
            assertEquals(3, ((String[]) h5.getAttribute("layer_names").getData()).length);
            return null;
        });
    }

    @Test
    void largeConfigGoesToADatasetAndLongNameListsAreChunked() throws IOException {
        Map<String, Object> bigConfig = sampleConfig(2000);
        List<LayerWeights> layers = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            layers.add(new LayerWeights(String.format("a_rather_long_layer_name_%05d", i), List.of()));
        }
        KerasH5Content written = new KerasH5Content(bigConfig, "2.13.1", "tensorflow", null, layers, List.of(), List.of());
        Path file = dir.resolve("big.h5");
        KerasH5.write(file, written);
        assertContentEquals(written, KerasH5.read(file));
        Hdf5Files.read(file, h5 -> {
            assertNull(h5.getAttribute("model_config"));
            assertTrue(h5.getChildren().get("model_config") instanceof Dataset);
            Map<String, Attribute> attrs = h5.getByPath("model_weights").getAttributes();
            assertNull(attrs.get("layer_names"));
            assertTrue(attrs.containsKey("layer_names0") && attrs.containsKey("layer_names1"), attrs.keySet().toString());
            for (Attribute a : attrs.values()) {
                assertTrue(a.getSizeInBytes() <= Hdf5Write.MAX_ATTRIBUTE_BYTES, a.getName() + " " + a.getSizeInBytes());
            }
            return null;
        });
    }

    @Test
    void overwritingKeepsNoTraceOfTheOldFile() throws IOException {
        Path file = dir.resolve("model.h5");
        KerasH5.write(file, sampleModel(sampleConfig(500)));
        long bigSize = Files.size(file);
        KerasH5Content small = sampleModel(sampleConfig(1));
        KerasH5.write(file, small);
        assertTrue(Files.size(file) < bigSize);
        assertContentEquals(small, KerasH5.read(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void failedWriteLeavesTheLastGoodFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.h5");
        KerasH5Content good = sampleModel(sampleConfig(3));
        KerasH5.write(file, good);
        byte[] before = Files.readAllBytes(file);
        KerasH5Content broken = new KerasH5Content(sampleConfig(3), "2.13.1", "tensorflow", null,
                List.of(new LayerWeights("dense", List.of(new NamedTensor("dense/kernel:0", Tensor.zeros(0, 4))))),
                List.of(), List.of());
        IOException e = assertThrows(IOException.class, () -> KerasH5.write(file, broken));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("empty tensor"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void savedFileGetsTheUsualPermissionsOrKeepsTheReplacedOnes() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class), "needs POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("model.h5");
        KerasH5.write(file, sampleModel(sampleConfig(1)));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
        Set<PosixFilePermission> custom = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(file, custom);
        KerasH5.write(file, sampleModel(sampleConfig(2)));
        assertEquals(custom, Files.getPosixFilePermissions(file));
    }

    @Test
    void namesWithSlashesBecomeNestedGroups() throws IOException {
        Path file = dir.resolve("nested.h5");
        Hdf5Files.writeAtomically(file, h5 -> {
            Hdf5Write.tensor(h5, "a/b/c/kernel", Tensor.ones(2));
            Hdf5Write.tensor(h5, "a/b/bias", Tensor.ones(DType.FLOAT64, 3));
            assertThrows(IllegalArgumentException.class, () -> Hdf5Write.groups(h5, "a//b"));
            assertThrows(IllegalArgumentException.class, () -> Hdf5Write.groups(h5, "a/b/bias"));
        });
        Hdf5Files.read(file, h5 -> {
            assertArrayEquals(new float[] {1, 1}, Hdf5Read.tensor(h5.getDatasetByPath("a/b/c/kernel")).toFloatArray());
            assertEquals(DType.FLOAT64, Hdf5Read.tensor(h5.getDatasetByPath("a/b/bias")).dtype());
            return null;
        });
    }

    @Test
    void writerRejectsMissingVersionAndTrainingConfigWithoutModel() {
        Path file = dir.resolve("x.h5");
        assertThrows(NullPointerException.class, () -> KerasH5.write(file,
                new KerasH5Content(Map.of(), null, "tensorflow", null, List.of(), List.of(), List.of())));
        assertThrows(IllegalArgumentException.class, () -> KerasH5.write(file,
                new KerasH5Content(null, "2.13.1", "tensorflow", Map.of("loss", "mse"), List.of(), List.of(), List.of())));
    }

    static KerasH5Content sampleModel(Map<String, Object> config) {
        Tensor kernel = Tensor.of(new float[] {1, -2, 3.5f, 4, 5, 6e-8f}, 3, 2);
        Tensor bias = Tensor.of(new float[] {0.25f, -0.5f});
        Tensor conv = Tensor.arange(DType.FLOAT32, 0, 3 * 3 * 2 * 4, 1).reshape(3, 3, 2, 4);
        Tensor convBias = Tensor.of(new double[] {1e-300, 2, 3, Math.PI});
        List<LayerWeights> layers = List.of(
                new LayerWeights("dense", List.of(new NamedTensor("dense/kernel:0", kernel), new NamedTensor("dense/bias:0", bias))),
                new LayerWeights("flatten", List.of()),
                new LayerWeights("conv2d", List.of(new NamedTensor("sequential/conv2d/kernel", conv),
                        new NamedTensor("sequential/conv2d/bias", convBias))));
        List<NamedTensor> optimizer = List.of(new NamedTensor("Adam/iter:0", Tensor.scalar(DType.FLOAT64, 42)),
                new NamedTensor("Adam/dense/kernel/m:0", kernel.mul(0.5)));
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("loss", List.of(0.9, 0.5, 0.25));
        history.put("accuracy", List.of(0.1, 0.6, 0.8));
        List<H5Section> extras = List.of(
                new H5Section("optimizer", Map.of("class_name", "Adam", "step", 42L),
                        List.of(new NamedTensor("dense/kernel/m", kernel.mul(0.1)), new NamedTensor("dense/kernel/v", kernel.square()))),
                new H5Section("history", history, List.of()),
                new H5Section("metadata", Map.of("library", "javagrad"), List.of()));
        Map<String, Object> training = Map.of("loss", "mse", "optimizer_config", Map.of("class_name", "Adam"));
        return new KerasH5Content(config, "2.13.1", "tensorflow", training, layers, optimizer, extras);
    }

    static Map<String, Object> sampleConfig(int layerCount) {
        List<Object> layers = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("name", "dense_" + i);
            cfg.put("units", 128L);
            cfg.put("activation", "relu");
            cfg.put("kernel_initializer", Map.of("class_name", "GlorotUniform", "config", Map.of("seed", 7L)));
            cfg.put("batch_input_shape", Arrays.asList(null, 28L, 28L, 1L));
            layers.add(Map.of("class_name", "Dense", "config", cfg));
        }
        return Map.of("class_name", "Sequential", "config", Map.of("name", "sequential", "layers", layers));
    }

    static void assertContentEquals(KerasH5Content expected, KerasH5Content actual) {
        assertEquals(expected.modelConfig(), actual.modelConfig());
        assertEquals(expected.trainingConfig(), actual.trainingConfig());
        assertEquals(expected.kerasVersion(), actual.kerasVersion());
        assertEquals(expected.backend(), actual.backend());
        assertEquals(expected.layers().size(), actual.layers().size());
        for (int i = 0; i < expected.layers().size(); i++) {
            assertEquals(expected.layers().get(i).layerName(), actual.layers().get(i).layerName());
            assertTensorsEqual(expected.layers().get(i).weights(), actual.layers().get(i).weights());
        }
        assertTensorsEqual(expected.optimizerWeights(), actual.optimizerWeights());
        assertEquals(expected.extras().stream().map(H5Section::name).sorted().toList(),
                actual.extras().stream().map(H5Section::name).sorted().toList());
        for (H5Section s : expected.extras()) {
            assertEquals(s.json(), actual.extra(s.name()).json());
            assertTensorsEqual(s.tensors(), actual.extra(s.name()).tensors());
        }
    }

    private static void assertTensorsEqual(List<NamedTensor> expected, List<NamedTensor> actual) {
        assertEquals(expected.stream().map(NamedTensor::name).toList(), actual.stream().map(NamedTensor::name).toList());
        for (int i = 0; i < expected.size(); i++) {
            Tensor e = expected.get(i).value();
            Tensor a = actual.get(i).value();
            assertEquals(e.dtype(), a.dtype(), expected.get(i).name());
            assertArrayEquals(e.shape(), a.shape(), expected.get(i).name());
            assertArrayEquals(e.toDoubleArray(), a.toDoubleArray(), expected.get(i).name());
        }
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
