package io.javagrad.examples;

import io.javagrad.io.ModelIO;
import io.javagrad.io.onnx.OnnxExport;
import io.javagrad.io.onnx.OnnxImport;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.callbacks.ModelWriter;
import io.javagrad.layers.data.Mnist;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Trains one of the {@link MnistModels} on MNIST with {@code fit}, showing the progress display, and prints
 * the test accuracy; then saves the model as {@code <name>.h5} and {@code <name>.onnx} in {@code --out DIR}
 * (default {@code out/}), loads both back and prints the reloaded models' test accuracy. {@code mnist-cnn} and
 * {@code mnist-mlp} are two instances of this class.
 */
final class MnistExample implements Example {
    /** Reads a model file. */
    @FunctionalInterface
    private interface ModelReader {
        Model read(Path path) throws IOException;
    }

    /** A file format the trained model is saved in and reloaded from (one entry per format). */
    private record SavedFormat(String extension, ModelWriter writer, ModelReader reader) {}

    private static final List<SavedFormat> FORMATS = List.of(
            new SavedFormat("h5", ModelIO::save, ModelIO::load),
            new SavedFormat("onnx", OnnxExport::save, MnistExample::loadOnnx));

    private final String name;
    private final String description;
    private final LongFunction<Sequential> network;
    private final Mnist.Layout layout;
    private final int defaultEpochs;
    private final int batchSize;

    private MnistExample(String name, String description, LongFunction<Sequential> network, Mnist.Layout layout,
                         int defaultEpochs, int batchSize) {
        this.name = name;
        this.description = description;
        this.network = network;
        this.layout = layout;
        this.defaultEpochs = defaultEpochs;
        this.batchSize = batchSize;
    }

    static MnistExample cnn() {
        return new MnistExample("mnist-cnn", "convolutional network on MNIST (10 epochs reach >= 97.5% test accuracy)",
                MnistModels::cnn, Mnist.Layout.IMAGES, 10, 128);
    }

    static MnistExample mlp() {
        return new MnistExample("mnist-mlp", "784-256-128-10 dense network on MNIST", MnistModels::mlp,
                Mnist.Layout.FLAT, 10, 64);
    }

    /** An ONNX file holds no training configuration: the reloaded model is compiled as the original was. */
    private static Model loadOnnx(Path path) throws IOException {
        Model model = OnnxImport.load(path);
        MnistModels.compile(model);
        return model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws Exception {
        Mnist.Data data = MnistData.load(options.data(), layout);
        out.printf("MNIST: %d training and %d test images%s%n", data.train().size(), data.test().size(),
                options.data() == null ? " (embedded subset)" : " from " + options.data());
        Sequential model = network.apply(options.seed(42));
        model.build();
        out.println(model.summary());
        History history = model.fit(data.train(), FitOptions.defaults()
                .epochs(options.epochs(defaultEpochs))
                .batchSize(batchSize)
                .validationData(data.test()));
        Map<String, Double> test = model.evaluate(data.test(), 256);
        out.printf("final training loss %.4f; test loss %.4f, test accuracy %.2f%%%n",
                history.last("loss"), test.get("loss"), 100 * test.get("accuracy"));
        Files.createDirectories(options.out());
        for (SavedFormat format : FORMATS) {
            Path file = options.out().resolve(name + "." + format.extension());
            format.writer().write(model, file);
            Model reloaded = format.reader().read(file);
            out.printf("saved %s; reloaded test accuracy %.2f%%%n", file,
                    100 * reloaded.evaluate(data.test(), 256).get("accuracy"));
        }
    }
}
