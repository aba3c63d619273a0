package io.javagrad.examples;

import io.javagrad.io.plot.Plots;
import io.javagrad.layers.Callback;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.History;
import io.javagrad.layers.Regularizer;
import io.javagrad.layers.Regularizers;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.callbacks.EarlyStopping;
import io.javagrad.layers.callbacks.MonitorMode;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.data.Mnist;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Overfitting and four remedies. A big MLP (784-256-256-10, about 270,000 weights) trained on only 500 MNIST images
 * learns them by heart: training accuracy reaches 100% while validation accuracy stays far below, and the
 * validation loss climbs again after a few epochs. The same network is then trained with dropout (0.5 after each
 * hidden layer), with an L2 weight penalty (1e-4), with random rotations, zooms and shifts of the images, with early
 * stopping (patience 5) that restores the weights of the epoch of best validation accuracy, and with all of them
 * together. Validation uses 1,000 other training images; the test set is only used for the final table. On so few
 * images, dropout, L2 and early stopping alone change the accuracies little; augmentation, which shows the network
 * new variants of its images every epoch, closes most of the gap. Writes each variant's training curves to
 * {@code overfitting-<variant>.png} in {@code --out DIR} and prints a table of training, validation and test
 * accuracy per variant.
 */
final class OverfittingExample implements Example {
    private static final int TRAIN_IMAGES = 500;
    private static final int VALIDATION_IMAGES = 1000;
    private static final int BATCH = 32;

    /** One way of training the network. */
    private record Variant(String name, boolean dropout, boolean l2, boolean augment, boolean earlyStopping) {}

    private static final List<Variant> VARIANTS = List.of(
            new Variant("baseline", false, false, false, false),
            new Variant("dropout", true, false, false, false),
            new Variant("l2", false, true, false, false),
            new Variant("augmentation", false, false, true, false),
            new Variant("early-stopping", false, false, false, true),
            new Variant("all", true, true, true, true));

    @Override
    public String name() {
        return "overfitting";
    }

    @Override
    public String description() {
        return "big MLP overfits 500 MNIST images; dropout, L2, augmentation and early stopping compared";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws Exception {
        long seed = options.seed(42);
        int epochs = options.epochs(30);
        Path dir = Files.createDirectories(options.out());
        Mnist.Data mnist = MnistData.load(options.data(), Mnist.Layout.IMAGES);
        Dataset train = MnistSubsets.range(mnist.train(), 0, TRAIN_IMAGES);
        Dataset validation = MnistSubsets.range(mnist.train(), TRAIN_IMAGES, TRAIN_IMAGES + VALIDATION_IMAGES);
        Dataset test = mnist.test();
        out.printf("%d training, %d validation and %d test images; %d epochs per variant%n", train.size(),
                validation.size(), test.size(), epochs);

        List<String> rows = new ArrayList<>();
        for (Variant variant : VARIANTS) {
            Sequential model = network(variant, seed);
            List<Callback> callbacks = new ArrayList<>();
            EarlyStopping stopper = new EarlyStopping("val_accuracy", 0, 5, MonitorMode.MAX, true);
            if (variant.earlyStopping()) {
                callbacks.add(stopper);
            }
            History history = model.fit(train, FitOptions.defaults().epochs(epochs).batchSize(BATCH)
                    .validationData(validation).verbose(false).callbacks(callbacks.toArray(Callback[]::new)));
            Path png = dir.resolve("overfitting-" + variant.name() + ".png");
            Plots.trainingCurves(history, png);
            double trainAccuracy = accuracy(model, train);
            double validationAccuracy = accuracy(model, validation);
            String trained = variant.earlyStopping()
                    ? history.epochs() + " (best " + (stopper.bestEpoch() + 1) + ")" : String.valueOf(history.epochs());
            rows.add(String.format("%-15s %-13s %7.2f%% %9.2f%% %7.2f%% %6.2f", variant.name(), trained,
                    100 * trainAccuracy, 100 * validationAccuracy, 100 * accuracy(model, test),
                    100 * (trainAccuracy - validationAccuracy)));
            out.printf("%-15s validation loss: lowest %.4f at epoch %d, last %.4f; wrote %s%n", variant.name(),
                    min(history.get("val_loss")), argmin(history.get("val_loss")) + 1, history.last("val_loss"), png);
        }
        out.println();
        out.println("variant         epochs        train    validation  test    gap (points)");
        rows.forEach(out::println);
    }

    /** The 784-256-256-10 MLP with the variant's regularization, compiled with Adam 1e-3. */
    private static Sequential network(Variant variant, long seed) {
        Sequential model = new Sequential(1, 28, 28);
        if (variant.augment()) {
            MnistModels.augmentation().forEach(model::add);
        }
        model.add(new Flatten());
        Regularizer l2 = variant.l2() ? Regularizers.l2(1e-4) : null;
        for (int units : new int[] {256, 256}) {
            model.add(new Dense(units).activation("relu").kernelRegularizer(l2));
            if (variant.dropout()) {
                model.add(new Dropout(0.5));
            }
        }
        model.add(new Dense(10).activation("softmax").kernelRegularizer(l2));
        model.setSeed(seed);
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
        return model;
    }

    private static double accuracy(Sequential model, Dataset data) {
        return model.evaluate(data, 256).get("accuracy");
    }

    private static double min(List<Double> values) {
        return values.get(argmin(values));
    }

    private static int argmin(List<Double> values) {
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) < values.get(best)) {
                best = i;
            }
        }
        return best;
    }
}
