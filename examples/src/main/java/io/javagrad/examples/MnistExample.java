package io.javagrad.examples;

import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.data.Mnist;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Trains one of the {@link MnistModels} on MNIST with {@code fit}, showing the progress display, and prints
 * the test accuracy. {@code mnist-cnn} and {@code mnist-mlp} are two instances of this class.
 */
final class MnistExample implements Example {
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
    }
}
