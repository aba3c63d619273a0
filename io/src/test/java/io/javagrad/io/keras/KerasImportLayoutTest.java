package io.javagrad.io.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.javagrad.core.Tensor;
import io.javagrad.io.Json;
import io.javagrad.layers.Model;
import io.javagrad.optim.Adam;
import io.javagrad.optim.RMSprop;
import io.javagrad.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras-like files written here (the Keras HDF5 layout with Keras 2 and Keras 3 configs and weight names), with
 * several channels, so that the channels-last conversions, the Flatten row order in particular, are visible
 * against {@link NhwcReference}.
 */
class KerasImportLayoutTest {
    @TempDir
    Path dir;

    /** Conv2D, BN (axis [3]), MaxPooling2D, Flatten, BN over the features, Dropout, Activation, Dense (4 channels). */
    @Test
    void sequentialCnnMatchesChannelsLastReference() throws IOException {
        String config = """
            {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
             {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 6, 6, 3], "dtype": "float32",
              "name": "conv2d_input"}},
             {"class_name": "Conv2D", "config": {"name": "conv2d", "filters": 4, "kernel_size": [3, 3],
              "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
              "activation": "relu", "use_bias": true,
              "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg"}}}},
             {"class_name": "BatchNormalization", "config": {"name": "bn_image", "axis": [3], "epsilon": 0.001}},
             {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2], "strides": [2, 2],
              "padding": "valid", "data_format": "channels_last"}},
             {"class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"}},
             {"class_name": "BatchNormalization", "config": {"name": "bn_features", "axis": -1, "epsilon": 0.01}},
             {"class_name": "Dropout", "config": {"name": "dropout", "rate": 0.5, "noise_shape": null}},
             {"class_name": "Activation", "config": {"name": "activation", "activation": "relu"}},
             {"class_name": "Dense", "config": {"name": "dense", "units": 5, "activation": "softmax"}}]}}
            """;
        Map<String, Tensor[]> w = Map.of(
                "conv2d", new Tensor[] {Tensor.randn(1, 3, 3, 3, 4), Tensor.randn(2, 4)},
                "bn_image", batchNorm(3, 4),
                "bn_features", batchNorm(4, 16),
                "dense", new Tensor[] {Tensor.randn(5, 16, 5), Tensor.randn(6, 5)});
        Path file = write(config, List.of("conv2d", "bn_image", "bn_features", "dense"), w, "%s/%s:0", null);

        Tensor x = Tensor.randn(7, 3, 6, 6, 3);
        Tensor h = NhwcReference.conv2dValid(x, w.get("conv2d")[0], w.get("conv2d")[1]).relu();
        h = batchNorm(h, w.get("bn_image"), 1e-3);
        h = NhwcReference.flatten(NhwcReference.maxPool2(h));
        h = batchNorm(h, w.get("bn_features"), 1e-2).relu();
        Tensor expected = NhwcReference.dense(h, w.get("dense")[0], w.get("dense")[1]).softmax(-1);

        Model model = KerasImport.load(file);
        assertArrayEquals(expected.toFloatArray(), model.predict(KerasImport.nhwcToNchw(x)).toFloatArray(), 1e-5f);
    }

    /**
     * Keras 3 form: Functional with batch_shape, dtype policies, {@code args}/{@code keras_history} inbound nodes,
     * an initializer Javagrad lacks, weight names with the model's path; Conv2D, Softmax over the channels,
     * GlobalAveragePooling2D, Dense and a ReLU with max_value, negative_slope and threshold.
     */
    @Test
    void keras3FunctionalMatchesChannelsLastReference() throws IOException {
        String policy = "{\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}}";
        String config = """
            {"module": "keras", "class_name": "Functional", "config": {"name": "functional", "trainable": true,
             "layers": [
              {"module": "keras.layers", "class_name": "InputLayer", "name": "input_layer", "inbound_nodes": [],
               "config": {"batch_shape": [null, 5, 4, 2], "dtype": "float32", "sparse": false, "name": "input_layer"}},
              {"module": "keras.layers", "class_name": "Conv2D", "name": "conv2d",
               "config": {"name": "conv2d", "trainable": true, "dtype": POLICY, "filters": 3, "kernel_size": [2, 2],
                "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
                "groups": 1, "activation": "linear", "use_bias": true,
                "kernel_initializer": {"module": "keras.initializers", "class_name": "Orthogonal",
                 "config": {"gain": 1.0, "seed": null}, "registered_name": null}},
               "build_config": {"input_shape": [null, 5, 4, 2]},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 4, 2],
                "dtype": "float32", "keras_history": ["input_layer", 0, 0]}}], "kwargs": {}}]},
              {"class_name": "Softmax", "name": "softmax", "config": {"name": "softmax", "dtype": POLICY, "axis": -1},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
                "config": {"keras_history": ["conv2d", 0, 0]}}], "kwargs": {}}]},
              {"class_name": "GlobalAveragePooling2D", "name": "gap",
               "config": {"name": "gap", "data_format": "channels_last", "keepdims": false},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
                "config": {"keras_history": ["softmax", 0, 0]}}], "kwargs": {}}]},
              {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 4, "activation": "linear"},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
                "config": {"keras_history": ["gap", 0, 0]}}], "kwargs": {}}]},
              {"class_name": "ReLU", "name": "re_lu",
               "config": {"name": "re_lu", "max_value": 0.5, "negative_slope": 0.1, "threshold": 0.05},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
                "config": {"keras_history": ["dense", 0, 0]}}], "kwargs": {}}]}],
             "input_layers": [["input_layer", 0, 0]], "output_layers": [["re_lu", 0, 0]]}}
            """.replace("POLICY", policy);
        Map<String, Tensor[]> w = Map.of(
                "conv2d", new Tensor[] {Tensor.randn(11, 2, 2, 2, 3), Tensor.randn(12, 3)},
                "dense", new Tensor[] {Tensor.randn(13, 3, 4), Tensor.randn(14, 4)});
        Path file = write(config, List.of("conv2d", "dense"), w, "functional/%s/%s", null);

        Tensor x = Tensor.randn(15, 2, 5, 4, 2);
        Tensor h = NhwcReference.conv2dValid(x, w.get("conv2d")[0], w.get("conv2d")[1]).softmax(-1);
        h = NhwcReference.dense(NhwcReference.globalAverage(h), w.get("dense")[0], w.get("dense")[1]);
        float[] expected = h.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            float v = expected[i];
            expected[i] = v >= 0.5f ? 0.5f : v >= 0.05f ? v : 0.1f * (v - 0.05f);
        }
        Model model = KerasImport.load(file);
        assertArrayEquals(expected, model.predict(KerasImport.nhwcToNchw(x)).toFloatArray(), 1e-5f);
    }

    /**
     * Keras 2 functional form with merge layers: Subtract of two convolutions, Concatenate on the channel axis (three
     * inputs) and on the width axis, Flatten and Dense (so a wrongly mapped axis changes the values), Add of the Dense
     * output and a second, flat input.
     */
    @Test
    void mergeLayersOnImagesMatchChannelsLastReference() throws IOException {
        String config = """
            {"class_name": "Functional", "config": {"name": "model", "layers": [
             {"name": "image", "class_name": "InputLayer", "inbound_nodes": [],
              "config": {"batch_input_shape": [null, 5, 4, 2], "dtype": "float32", "name": "image"}},
             {"name": "aux", "class_name": "InputLayer", "inbound_nodes": [],
              "config": {"batch_input_shape": [null, 3], "dtype": "float32", "name": "aux"}},
             CONV("conv_a"), CONV("conv_b"),
             {"name": "diff", "class_name": "Subtract", "config": {"name": "diff"},
              "inbound_nodes": [[["conv_a", 0, 0, {}], ["conv_b", 0, 0, {}]]]},
             {"name": "channels", "class_name": "Concatenate", "config": {"name": "channels", "axis": -1},
              "inbound_nodes": [[["conv_a", 0, 0, {}], ["diff", 0, 0, {}], ["conv_b", 0, 0, {}]]]},
             {"name": "width", "class_name": "Concatenate", "config": {"name": "width", "axis": 2},
              "inbound_nodes": [[["channels", 0, 0, {}], ["channels", 0, 0, {}]]]},
             {"name": "flatten", "class_name": "Flatten", "config": {"name": "flatten"},
              "inbound_nodes": [[["width", 0, 0, {}]]]},
             {"name": "dense", "class_name": "Dense", "config": {"name": "dense", "units": 3},
              "inbound_nodes": [[["flatten", 0, 0, {}]]]},
             {"name": "sum", "class_name": "Add", "config": {"name": "sum"},
              "inbound_nodes": [[["dense", 0, 0, {}], ["aux", 0, 0, {}]]]}],
             "input_layers": [["image", 0, 0], ["aux", 0, 0]], "output_layers": [["sum", 0, 0]]}}
            """.replaceAll("CONV\\(\"(\\w+)\"\\)", """
             {"name": "$1", "class_name": "Conv2D", "config": {"name": "$1", "filters": 3, "kernel_size": [2, 2],
              "padding": "valid", "data_format": "channels_last", "activation": "linear"},
              "inbound_nodes": [[["image", 0, 0, {}]]]}""");
        Map<String, Tensor[]> w = Map.of(
                "conv_a", new Tensor[] {Tensor.randn(21, 2, 2, 2, 3), Tensor.randn(22, 3)},
                "conv_b", new Tensor[] {Tensor.randn(23, 2, 2, 2, 3), Tensor.randn(24, 3)},
                "dense", new Tensor[] {Tensor.randn(25, 4 * 6 * 9, 3), Tensor.randn(26, 3)});
        Path file = write(config, List.of("conv_a", "conv_b", "dense"), w, "%s/%s:0", null);

        Tensor x = Tensor.randn(27, 2, 5, 4, 2);
        Tensor aux = Tensor.randn(28, 2, 3);
        Tensor a = NhwcReference.conv2dValid(x, w.get("conv_a")[0], w.get("conv_a")[1]);
        Tensor b = NhwcReference.conv2dValid(x, w.get("conv_b")[0], w.get("conv_b")[1]);
        Tensor channels = Tensor.concat(List.of(a, a.sub(b), b), 3);
        Tensor width = Tensor.concat(List.of(channels, channels), 2);
        Tensor dense = NhwcReference.dense(NhwcReference.flatten(width), w.get("dense")[0], w.get("dense")[1]);
        Tensor expected = dense.add(aux);

        Model model = KerasImport.load(file);
        List<Tensor> out = model.predict(List.of(KerasImport.nhwcToNchw(x), aux), 2);
        assertArrayEquals(expected.toFloatArray(), out.get(0).toFloatArray(), 1e-4f);
    }

    /** Keras 2.1's bare layer list with batch_input_shape on the first layer; training configs. */
    @Test
    void trainingConfigsCompileWhenJavagradHasTheEquivalent() throws IOException {
        String config = """
            {"class_name": "Sequential", "config": [
             {"class_name": "Dense", "config": {"name": "dense_1", "units": 2, "batch_input_shape": [null, 3]}}]}
            """;
        Map<String, Tensor[]> w = Map.of("dense_1", new Tensor[] {Tensor.randn(1, 3, 2), Tensor.randn(2, 2)});
        List<String> names = List.of("dense_1");
        SGD sgd = assertInstanceOf(SGD.class, KerasImport.load(write(config, names, w, "%s/%s:0", training(
                "\"SGD\", \"config\": {\"lr\": 0.1, \"momentum\": 0.9, \"nesterov\": true, \"decay\": 0.0}"))).optimizer());
        assertEquals(0.1, sgd.learningRate(), 1e-12);
        assertInstanceOf(RMSprop.class, KerasImport.load(write(config, names, w, "%s/%s:0", training(
                "\"RMSprop\", \"config\": {\"name\": \"RMSprop\", \"learning_rate\": 0.01, \"rho\": 0.9,"
                + " \"epsilon\": 1e-7, \"centered\": false, \"clipnorm\": null}"))).optimizer());
        assertInstanceOf(Adam.class, KerasImport.load(write(config, names, w, "%s/%s:0", training(
                "\"Adam\", \"config\": {\"learning_rate\": 0.001, \"weight_decay\": null, \"use_ema\": false}")))
                .optimizer());
        assertNull(KerasImport.load(write(config, names, w, "%s/%s:0", training(
                "\"Adam\", \"config\": {\"lr\": 0.001, \"decay\": 0.01}"))).optimizer(), "lr decay: not equivalent");
        assertNull(KerasImport.load(write(config, names, w, "%s/%s:0", training(
                "\"Adam\", \"config\": {\"learning_rate\": {\"class_name\": \"ExponentialDecay\", \"config\": {}}}")))
                .optimizer(), "schedule: not equivalent");
        assertNull(KerasImport.load(write(config, names, w, "%s/%s:0", training(
                "\"Nadam\", \"config\": {\"learning_rate\": 0.001}"))).optimizer(), "no Nadam");
        Model model = KerasImport.load(write(config, names, w, "%s/%s:0", null));
        assertArrayEquals(NhwcReference.dense(Tensor.ones(1, 3), w.get("dense_1")[0], w.get("dense_1")[1]).toFloatArray(),
                model.predict(Tensor.ones(1, 3)).toFloatArray(), 1e-6f);
    }

    @Test
    void nhwcToNchwMovesTheChannelAxis() {
        Tensor x = Tensor.randn(3, 2, 3, 4, 5);
        Tensor y = KerasImport.nhwcToNchw(x);
        assertArrayEquals(new int[] {2, 5, 3, 4}, y.shape());
        assertEquals(x.get(1, 2, 3, 4), y.get(1, 4, 2, 3));
        assertEquals(x.get(0, 1, 0, 2), y.get(0, 2, 1, 0));
    }

    private static Map<String, Object> training(String optimizer) {
        return Json.parseObject("{\"loss\": \"mse\", \"metrics\": [\"mae\"], \"optimizer_config\": {\"class_name\": "
                + optimizer + "}}");
    }

    /** gamma, beta, moving_mean, moving_variance (positive) of {@code channels}. */
    private static Tensor[] batchNorm(long seed, int channels) {
        return new Tensor[] {Tensor.randn(seed, channels), Tensor.randn(seed + 1, channels),
            Tensor.randn(seed + 2, channels), Tensor.rand(seed + 3, channels).add(0.5)};
    }

    private static Tensor batchNorm(Tensor x, Tensor[] w, double eps) {
        return NhwcReference.batchNormLastAxis(x, w[0], w[1], w[2], w[3], eps);
    }

    private Path write(String config, List<String> layers, Map<String, Tensor[]> weights, String nameFormat,
                       Map<String, Object> training) throws IOException {
        return KerasTestFiles.write(dir, config, layers, weights, nameFormat, training);
    }
}
