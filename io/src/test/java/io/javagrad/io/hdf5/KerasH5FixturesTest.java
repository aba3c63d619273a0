package io.javagrad.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.Fixtures;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the files saved by real Keras versions in shared/fixtures/keras (see its README). */
class KerasH5FixturesTest {
    @Test
    void everyFixtureOpensAndEveryDatasetReads() throws IOException {
        for (Path file : Fixtures.files("keras", ".h5")) {
            int datasets = Hdf5Files.read(file, h5 -> readAll(h5));
            assertTrue(datasets > 0, file + " has no datasets");
        }
    }

    @Test
    void everyModelFixtureReadsAsKerasLayout() throws IOException {
        for (Path file : Fixtures.files("keras", ".h5")) {
            if (file.getFileName().toString().contains("inputs_and_outputs")) {
                continue; // reference data, not a model
            }
            KerasH5Content c = KerasH5.read(file);
            assertTrue(c.kerasVersion().startsWith("2."), file + ": " + c.kerasVersion());
            assertEquals("tensorflow", c.backend(), file.toString());
            assertTrue(c.modelConfig().containsKey("class_name"), file.toString());
            assertFalse(c.layers().isEmpty(), file.toString());
        }
    }

    @Test
    void tfKerasSequentialWithTrainingConfigAndOptimizerWeights() throws IOException {
        KerasH5Content c = KerasH5.read(Fixtures.file("keras", "some_loss.h5"));
        assertEquals("2.4.0", c.kerasVersion());
        assertEquals("Sequential", c.modelConfig().get("class_name"));
        assertEquals(List.of("flatten", "dense", "dense_1"), layerNames(c));
        assertEquals(List.of(), c.layer("flatten").weights());
        assertShapes(c.layer("dense"), List.of("dense/kernel:0", "dense/bias:0"), new int[] {784, 128}, new int[] {128});
        assertShapes(c.layer("dense_1"), List.of("dense_1/kernel:0", "dense_1/bias:0"), new int[] {128, 10}, new int[] {10});
        assertEquals(DType.FLOAT32, c.layer("dense").weights().get(0).value().dtype());
        assertTrue(c.trainingConfig().containsKey("optimizer_config"));
        // The fixture README mentions optimizer weights, but the file has no optimizer_weights group.
        assertTrue(c.optimizerWeights().isEmpty());
        assertTrue(c.extras().isEmpty());
    }

    @Test
    void keras21ConvBatchNormWithFixedLengthNames() throws IOException {
        KerasH5Content c = KerasH5.read(Fixtures.file("keras", "cnn_batch_norm.h5"));
        assertEquals("2.1.3", c.kerasVersion());
        assertEquals(List.of("conv2d_1", "batch_normalization_1", "activation_1", "conv2d_2", "flatten_1", "dense_1"),
                layerNames(c));
        assertTrue(((Map<?, ?>) c.modelConfig()).get("config") instanceof List, "Keras 2.1 writes the layer list bare");
        assertShapes(c.layer("conv2d_1"), List.of("conv2d_1/kernel:0", "conv2d_1/bias:0"), new int[] {3, 3, 3, 1}, new int[] {1});
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                c.layer("batch_normalization_1").weights().stream().map(NamedTensor::shortName).toList());
        assertShapes(c.layer("dense_1"), List.of("dense_1/kernel:0", "dense_1/bias:0"), new int[] {36, 1}, new int[] {1});
    }

    @Test
    void functionalModelWithInputLayer() throws IOException {
        KerasH5Content c = KerasH5.read(Fixtures.file("keras", "act_0.h5"));
        assertEquals("Model", c.modelConfig().get("class_name"));
        assertEquals(List.of("input_1", "dense"), layerNames(c));
        assertShapes(c.layer("dense"), List.of("dense/kernel:0", "dense/bias:0"), new int[] {2, 4}, new int[] {4});
        assertNull(c.trainingConfig());
    }

    /** The saved weights reproduce the saved outputs: relu(x W + b) = outputs/re_lu_1. */
    @Test
    void reluModelWeightsReproduceTheSavedOutputs() throws IOException {
        KerasH5Content model = KerasH5.read(Fixtures.file("keras", "ReLU_0_model.h5"));
        assertEquals(List.of("dense", "re_lu_1"), layerNames(model));
        Tensor kernel = model.layer("dense").weights().get(0).value();
        Tensor bias = model.layer("dense").weights().get(1).value();
        assertArrayEquals(new int[] {16, 32}, kernel.shape());

        Path data = Fixtures.file("keras", "ReLU_0_inputs_and_outputs.h5");
        Tensor[] io = Hdf5Files.read(data, h5 -> new Tensor[] {
            Hdf5Read.tensor(h5.getDatasetByPath("inputs/dense_input")),
            Hdf5Read.tensor(h5.getDatasetByPath("outputs/re_lu_1")),
            Hdf5Read.tensor(h5.getDatasetByPath("predictions/re_lu_1"))});
        assertArrayEquals(new int[] {2, 16}, io[0].shape());
        assertArrayEquals(new int[] {2, 32}, io[1].shape());
        float[] expected = io[1].toFloatArray();
        float[] actual = io[0].matmul(kernel).add(bias).relu().toFloatArray();
        assertArrayEquals(expected, actual, 1e-5f);
        assertArrayEquals(expected, io[2].toFloatArray(), 1e-5f);
    }

    @Test
    void referenceDataFileIsNotAKerasModel() {
        Path data = Fixtures.file("keras", "ReLU_0_inputs_and_outputs.h5");
        IOException e = assertThrows(IOException.class, () -> KerasH5.read(data));
        assertTrue(e.getMessage().contains(data.toString()) && e.getMessage().contains("not a Keras HDF5 file"),
                e.getMessage());
    }

    private static int readAll(Group group) throws IOException {
        int count = 0;
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group g) {
                count += readAll(g);
            } else if (child instanceof Dataset ds) {
                Tensor t = Hdf5Read.tensor(ds);
                assertArrayEquals(ds.getDimensions(), t.shape(), ds.getPath());
                count++;
            }
        }
        return count;
    }

    private static List<String> layerNames(KerasH5Content c) {
        return c.layers().stream().map(LayerWeights::layerName).toList();
    }

    private static void assertShapes(LayerWeights layer, List<String> names, int[]... shapes) {
        assertEquals(names, layer.weights().stream().map(NamedTensor::name).toList(), layer.layerName());
        for (int i = 0; i < shapes.length; i++) {
            assertArrayEquals(shapes[i], layer.weights().get(i).value().shape(), names.get(i));
        }
    }
}
