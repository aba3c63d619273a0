package io.javagrad.examples;

import io.javagrad.core.Parallelism;
import io.javagrad.core.Tensor;
import io.javagrad.io.plot.Plots;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.data.Mnist;
import io.javagrad.layers.ensemble.Bagging;
import io.javagrad.layers.ensemble.BaggingResult;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.ConfusionMatrix;
import io.javagrad.optim.Adam;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bagging on MNIST: five small 784-64-10 networks, each trained on its own bootstrap resample of the training
 * images, two at a time; prints every member's test accuracy and that of their averaged probabilities, and writes
 * the ensemble's confusion matrix to {@code --out DIR/bagging-confusion.png}.
 */
final class BaggingExample implements Example {
    private static final int MEMBERS = 5;

    @Override
    public String name() {
        return "bagging";
    }

    @Override
    public String description() {
        return "5 small MLPs on bootstrap resamples of MNIST, trained in parallel; member vs ensemble accuracy";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws Exception {
        Mnist.Data data = MnistData.load(options.data(), Mnist.Layout.FLAT);
        out.printf("MNIST: %d training and %d test images%s%n", data.train().size(), data.test().size(),
                options.data() == null ? " (embedded subset)" : " from " + options.data());
        int epochs = options.epochs(3);
        Bagging bagging = new Bagging(MEMBERS, options.seed(42), BaggingExample::member).threads(2)
                .fitOptions(() -> FitOptions.defaults().epochs(epochs).batchSize(64).verbose(false));
        // Two members train at once: one kernel thread each keeps the cores from being oversubscribed.
        int kernelThreads = Parallelism.threads();
        Parallelism.setThreads(1);
        BaggingResult result;
        try {
            result = bagging.fit(data.train(), data.test());
        } finally {
            Parallelism.setThreads(kernelThreads);
        }
        double[] accuracies = result.memberAccuracies();
        for (int i = 0; i < accuracies.length; i++) {
            out.printf("member %d: test accuracy %.2f%%%n", i + 1, 100 * accuracies[i]);
        }
        out.printf("mean member accuracy %.2f%%, ensemble accuracy %.2f%%%n", 100 * result.meanMemberAccuracy(),
                100 * result.ensembleAccuracy());

        Tensor probabilities = result.predict(data.test().x());
        ConfusionMatrix confusion = new ConfusionMatrix(10);
        confusion.update(data.test().y(), probabilities);
        Path file = Files.createDirectories(options.out()).resolve("bagging-confusion.png");
        Plots.confusionMatrix(confusion.matrix(), file);
        out.println("wrote " + file);
    }

    /** 784-64(relu)-10(softmax), Adam 1e-3, sparse categorical cross-entropy. */
    private static Sequential member(long seed) {
        Sequential model = new Sequential(784);
        model.add(new Dense(64).activation("relu"));
        model.add(new Dense(10).activation("softmax"));
        model.setSeed(seed);
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy());
        return model;
    }
}
