package io.javagrad.io.keras;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.KerasH5;
import io.javagrad.io.hdf5.KerasH5Content;
import io.javagrad.io.hdf5.LayerWeights;
import io.javagrad.io.hdf5.NamedTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the importer must refuse, each with a message naming the file and what is wrong. */
class KerasImportHostileTest {
    private static final String DENSE_MODEL = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
         {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "name": "in"}},
         {"class_name": "Dense", "config": {"name": "dense", "units": 5}}]}}
        """;

    @TempDir
    Path dir;

    @Test
    void unknownLayerClassIsNamedWithTheFile() throws IOException {
        Path file = write("""
            {"class_name": "Sequential", "config": {"layers": [
             {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 7, 4], "name": "in"}},
             {"class_name": "LSTM", "config": {"name": "lstm", "units": 8}}]}}
            """, List.of(), Map.of());
        assertRefused(file, "unsupported Keras layer class 'LSTM'", "'lstm'");
    }

    @Test
    void nestedModelIsAnUnsupportedClass() throws IOException {
        Path file = write("""
            {"class_name": "Sequential", "config": {"layers": [
             {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "name": "in"}},
             {"class_name": "Sequential", "config": {"name": "inner", "layers": []}}]}}
            """, List.of(), Map.of());
        assertRefused(file, "unsupported Keras layer class 'Sequential'");
    }

    @Test
    void weightOfTheWrongShapeNamesLayerWeightAndBothShapes() throws IOException {
        Path file = write(DENSE_MODEL, List.of("dense"),
                Map.of("dense", new Tensor[] {Tensor.zeros(3, 5), Tensor.zeros(5)}));
        assertRefused(file, "Dense 'dense'", "weight 'kernel'", "[3, 5]", "[4, 5]");
    }

    @Test
    void convKernelOfTheWrongShapeIsReportedInKerasLayout() throws IOException {
        Path file = write("""
            {"class_name": "Sequential", "config": {"layers": [
             {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 5, 2], "name": "in"}},
             {"class_name": "Conv2D", "config": {"name": "conv", "filters": 3, "kernel_size": [3, 3]}}]}}
            """, List.of("conv"), Map.of("conv", new Tensor[] {Tensor.zeros(3, 3, 3, 2), Tensor.zeros(3)}));
        assertRefused(file, "Conv2D 'conv'", "weight 'kernel'", "[3, 3, 3, 2]", "[3, 3, 2, 3]");
    }

    @Test
    void missingAndExtraWeightsAreListed() throws IOException {
        assertRefused(write(DENSE_MODEL, List.of("dense"), Map.of("dense", new Tensor[] {Tensor.zeros(4, 5)})),
                "Dense 'dense'", "[kernel]", "[kernel, bias]");
        assertRefused(write(DENSE_MODEL, List.of(), Map.of()), "no weights for [dense]");
        assertRefused(write(DENSE_MODEL, List.of("dense", "ghost"), Map.of(
                "dense", new Tensor[] {Tensor.zeros(4, 5), Tensor.zeros(5)},
                "ghost", new Tensor[] {Tensor.zeros(1)})), "weights of unknown layers [ghost]");
    }

    @Test
    void weightsOnlyFileIsRefused() throws IOException {
        Path file = dir.resolve("weights.h5");
        KerasH5.write(file, new KerasH5Content(null, "2.4.0", "tensorflow", null,
                List.of(new LayerWeights("dense", List.of(new NamedTensor("dense/kernel:0", Tensor.zeros(4, 5))))),
                List.of(), List.of()));
        assertRefused(file, "no model_config");
    }

    @Test
    void layoutsWithoutAJavagradEquivalentAreRefused() throws IOException {
        String image = "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 4, 4, 2],"
                + " \"name\": \"in\"}}, {\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"pool\","
                + " \"data_format\": \"%s\"}}";
        String rest = ", {\"class_name\": \"%s\", \"config\": {\"name\": \"last\"%s}}";
        assertRefused(sequential(image.formatted("channels_first"), ""), "data_format \"channels_first\"");
        assertRefused(sequential(image.formatted("channels_last"), rest.formatted("Dense", ", \"units\": 2")),
                "Dense 'last'", "over the channels of an image");
        assertRefused(sequential(image.formatted("channels_last"), rest.formatted("Flatten", "")),
                "'last' is a model output", "(h, w, c)");
        assertRefused(sequential(image.formatted("channels_last"),
                rest.formatted("BatchNormalization", ", \"axis\": 2")), "BatchNormalization 'last'", "spatial axis");
        assertRefused(sequential(image.formatted("channels_last"),
                rest.formatted("Activation", ", \"activation\": \"softmax\"")), "Activation 'last'", "softmax");
    }

    @Test
    void mergesOfTensorsJavagradOrdersOtherwiseAreRefused() throws IOException {
        String merge = """
            {"class_name": "Model", "config": {"name": "m", "layers": [
             {"name": "in", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 2, 2, 3], "name": "in"},
              "inbound_nodes": []},
             {"name": "pool", "class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [1, 1]},
              "inbound_nodes": [[["in", 0, 0, {}]]]},
             {"name": "flat", "class_name": "Flatten", "config": {"name": "flat"},
              "inbound_nodes": [[["pool", 0, 0, {}]]]},
             {"name": "m", "class_name": "CLASS", "config": {"name": "m"},
              "inbound_nodes": [[["INPUT", 0, 0, {}], ["flat", 0, 0, {}]]]},
             {"name": "out", "class_name": "Dense", "config": {"name": "out", "units": 1},
              "inbound_nodes": [[["m", 0, 0, {}]]]}],
             "input_layers": [["in", 0, 0]], "output_layers": [["out", 0, 0]]}}
            """;
        assertRefused(write(merge.replace("CLASS", "Concatenate").replace("INPUT", "flat"), List.of(), Map.of()),
                "Concatenate 'm' joins features flattened from a channels-last image");
        assertRefused(write(merge.replace("CLASS", "Add").replace("INPUT", "pool"), List.of(), Map.of()),
                "Add 'm' merges tensors Javagrad holds in different layouts");
        String single = merge.replace("CLASS", "Add").replace("[\"INPUT\", 0, 0, {}], ", "");
        assertRefused(write(single, List.of(), Map.of()), "Add 'm' must take two or more inputs, got 1 [flat]");
    }

    @Test
    void functionalReferenceToALaterLayerIsRefused() throws IOException {
        Path file = write("""
            {"class_name": "Model", "config": {"name": "m", "layers": [
             {"name": "in", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 2], "name": "in"},
              "inbound_nodes": []},
             {"name": "a", "class_name": "ReLU", "config": {"name": "a"}, "inbound_nodes": [[["b", 0, 0, {}]]]},
             {"name": "b", "class_name": "ReLU", "config": {"name": "b"}, "inbound_nodes": [[["in", 0, 0, {}]]]}],
             "input_layers": [["in", 0, 0]], "output_layers": [["a", 0, 0]]}}
            """, List.of(), Map.of());
        assertRefused(file, "ReLU 'a' takes the output of 'b'");
    }

    private Path sequential(String first, String rest) throws IOException {
        return write("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [" + first + rest + "]}}", List.of(),
                Map.of());
    }

    private Path write(String config, List<String> layers, Map<String, Tensor[]> weights) throws IOException {
        return KerasTestFiles.write(dir, config, layers, weights, "%s/%s:0", null);
    }

    private static void assertRefused(Path file, String... parts) {
        IOException e = assertThrows(IOException.class, () -> KerasImport.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }
}
