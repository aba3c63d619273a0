package io.javagrad.io.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.io.Fixtures;
import io.javagrad.io.hdf5.Hdf5Files;
import io.javagrad.io.hdf5.Hdf5Read;
import io.javagrad.io.hdf5.KerasH5;
import io.javagrad.io.hdf5.KerasH5Content;
import io.javagrad.layers.BatchNorm;
import io.javagrad.layers.InputLayer;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import io.javagrad.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports the files saved by real Keras versions in shared/fixtures/keras (see its README). */
class KerasImportFixturesTest {
    @Test
    void everyModelFixtureLoadsAndRuns() throws IOException {
        int models = 0;
        for (Path file : Fixtures.files("keras", ".h5")) {
            if (file.getFileName().toString().contains("inputs_and_outputs")) {
                continue; // reference data, not a model
            }
            Model model = KerasImport.load(file);
            KerasH5Content content = KerasH5.read(file);
            for (var saved : content.layers()) {
                assertEquals(saved.weights().size(), model.getLayer(saved.layerName()).weights().size(), file.toString());
            }
            int[] inputShape = inputShape(model);
            int[] batch = new int[inputShape.length + 1];
            batch[0] = 2;
            System.arraycopy(inputShape, 0, batch, 1, inputShape.length);
            Tensor out = model.predict(Tensor.randn(7, batch));
            assertEquals(2, out.shape(0), file.toString());
            models++;
        }
        assertEquals(4, models);
    }

    /** Keras 2.3.1: Dense(16 -> 32) and a ReLU layer reproduce the predictions Keras saved. */
    @Test
    void reluModelReproducesKerasPredictions() throws IOException {
        Model model = KerasImport.load(Fixtures.file("keras", "ReLU_0_model.h5"));
        Tensor[] io = Hdf5Files.read(Fixtures.file("keras", "ReLU_0_inputs_and_outputs.h5"), h5 -> new Tensor[] {
            Hdf5Read.tensor(h5.getDatasetByPath("inputs/dense_input")),
            Hdf5Read.tensor(h5.getDatasetByPath("predictions/re_lu_1"))});
        assertInstanceOf(Sequential.class, model);
        assertEquals(List.of("dense", "re_lu_1"), model.layers().stream().map(l -> l.name()).toList());
        assertArrayEquals(io[1].toFloatArray(), model.predict(io[0]).toFloatArray(), 1e-5f);
    }

    /**
     * Keras 2.1.3 (fixed-length strings, bare layer list, batch_input_shape on the first Conv2D, VarianceScaling
     * initializers): Conv2D, BatchNormalization, Activation, Conv2D, Flatten, Dense against the channels-last
     * computation from the raw weights.
     */
    @Test
    void keras21ConvBatchNormMatchesChannelsLastReference() throws IOException {
        Path file = Fixtures.file("keras", "cnn_batch_norm.h5");
        Model model = KerasImport.load(file);
        KerasH5Content raw = KerasH5.read(file);
        assertArrayEquals(new int[] {3, 10, 10}, inputShape(model));
        assertEquals(1, ((BatchNorm) model.getLayer("batch_normalization_1")).getConfig().get("axis"));

        Tensor x = Tensor.randn(3, 4, 10, 10, 3);
        Tensor h = NhwcReference.conv2dValid(x, w(raw, "conv2d_1", 0), w(raw, "conv2d_1", 1));
        h = NhwcReference.batchNormLastAxis(h, w(raw, "batch_normalization_1", 0), w(raw, "batch_normalization_1", 1),
                w(raw, "batch_normalization_1", 2), w(raw, "batch_normalization_1", 3), 1e-3).relu();
        h = NhwcReference.conv2dValid(h, w(raw, "conv2d_2", 0), w(raw, "conv2d_2", 1));
        Tensor expected = NhwcReference.dense(NhwcReference.flatten(h), w(raw, "dense_1", 0), w(raw, "dense_1", 1));

        Tensor actual = model.predict(KerasImport.nhwcToNchw(x));
        assertArrayEquals(new int[] {4, 1}, actual.shape());
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-4f);
        assertInstanceOf(Adam.class, model.optimizer(), "compiled from training_config (Adam, lr, decay 0, mse)");
    }

    /** tf.keras 2.4.0: Flatten over [28, 28] (no image conversion), two Dense layers, compiled with Adam. */
    @Test
    void tfKerasMlpKeepsItsInputShapeAndCompiles() throws IOException {
        Path file = Fixtures.file("keras", "some_loss.h5");
        Model model = KerasImport.load(file);
        KerasH5Content raw = KerasH5.read(file);
        assertArrayEquals(new int[] {28, 28}, inputShape(model));
        Tensor x = Tensor.rand(5, 3, 28, 28);
        Tensor hidden = NhwcReference.dense(NhwcReference.flatten(x), w(raw, "dense", 0), w(raw, "dense", 1)).relu();
        Tensor expected = NhwcReference.dense(hidden, w(raw, "dense_1", 0), w(raw, "dense_1", 1));
        assertArrayEquals(expected.toFloatArray(), model.predict(x).toFloatArray(), 1e-4f);

        Adam adam = assertInstanceOf(Adam.class, model.optimizer());
        assertEquals(0.001, adam.learningRate(), 1e-12);
        Map<String, Double> metrics = model.evaluate(x, Tensor.of(new float[] {1, 2, 3}, 3));
        assertTrue(metrics.containsKey("loss") && metrics.containsKey("accuracy"), metrics.toString());
    }

    /** tf.keras 2.2.4: a functional model, InputLayer then Dense(2 -> 4) with an elu activation; not compiled. */
    @Test
    void functionalModelWithActivation() throws IOException {
        Path file = Fixtures.file("keras", "act_0.h5");
        Model model = KerasImport.load(file);
        KerasH5Content raw = KerasH5.read(file);
        assertFalse(model instanceof Sequential);
        Tensor x = Tensor.randn(11, 6, 2);
        Tensor expected = NhwcReference.dense(x, w(raw, "dense", 0), w(raw, "dense", 1)).elu(1.0);
        assertArrayEquals(expected.toFloatArray(), model.predict(x).toFloatArray(), 1e-5f);
        assertNull(model.optimizer());
    }

    private static Tensor w(KerasH5Content raw, String layer, int index) {
        return raw.layer(layer).weights().get(index).value();
    }

    /** The model's input shape without the batch axis. */
    private static int[] inputShape(Model model) {
        int[] shape = model instanceof Sequential s ? s.input().shape() : ((InputLayer) model.getLayer(0)).input().shape();
        return Arrays.copyOfRange(shape, 1, shape.length);
    }
}
