package io.javagrad.examples;

import io.javagrad.core.Tensor;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.data.Mnist;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data augmentation on a small training set: the MNIST CNN of {@link MnistModels#cnn(long)} trained on 1,000 images,
 * once as it is and once with a random rotation, zoom and shift layer in front ({@link MnistModels#augmentation()},
 * active in training only, seeded from the model's seed), then both evaluated on the 2,000 test images. Writes
 * {@code augmentation-samples.png} to {@code --out DIR}: each row an original image followed by seven augmented
 * versions of it.
 */
final class AugmentationExample implements Example {
    private static final int TRAIN_IMAGES = 1000;
    private static final int SAMPLES = 6;
    private static final int VERSIONS = 7;

    @Override
    public String name() {
        return "augmentation";
    }

    @Override
    public String description() {
        return "CNN on 1,000 MNIST images with and without random rotation/zoom/translation layers; sample grid PNG";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws Exception {
        long seed = options.seed(42);
        int epochs = options.epochs(30);
        Path dir = Files.createDirectories(options.out());
        Mnist.Data mnist = MnistData.load(options.data(), Mnist.Layout.IMAGES);
        Dataset train = MnistSubsets.range(mnist.train(), 0, TRAIN_IMAGES);

        Path grid = dir.resolve("augmentation-samples.png");
        ImageGrid.savePng(samples(MnistSubsets.range(train, 0, SAMPLES).x(), seed), VERSIONS + 1, 3, grid);
        out.println("wrote " + grid + " (each row: an original, then " + VERSIONS + " augmented versions)");

        out.printf("training the CNN on %d images for %d epochs, without and with augmentation%n", train.size(), epochs);
        double[] accuracy = new double[2];
        for (int i = 0; i < 2; i++) {
            Sequential model = MnistModels.cnn(seed, i == 0 ? List.of() : MnistModels.augmentation());
            model.fit(train, FitOptions.defaults().epochs(epochs).batchSize(32).verbose(false));
            accuracy[i] = model.evaluate(mnist.test(), 256).get("accuracy");
            out.printf("  %-20s training accuracy %6.2f%%, test accuracy %6.2f%%%n",
                    i == 0 ? "without augmentation" : "with augmentation", 100 * model.evaluate(train, 256).get("accuracy"),
                    100 * accuracy[i]);
        }
        out.printf("augmentation changed the test accuracy by %+.2f points%n", 100 * (accuracy[1] - accuracy[0]));
    }

    /** Each image followed by {@link #VERSIONS} augmented versions of it, {@code [n * (VERSIONS + 1), 1, 28, 28]}. */
    private static Tensor samples(Tensor images, long seed) {
        Sequential augment = new Sequential(1, 28, 28);
        MnistModels.augmentation().forEach(augment::add);
        augment.setSeed(seed);
        List<Tensor> versions = new ArrayList<>();
        versions.add(images.unsqueeze(1));
        for (int v = 0; v < VERSIONS; v++) {
            versions.add(augment.call(images, true).unsqueeze(1));
        }
        Tensor stacked = Tensor.concat(versions, 1);
        int[] s = images.shape();
        return stacked.reshape(s[0] * (VERSIONS + 1), s[1], s[2], s[3]);
    }
}
