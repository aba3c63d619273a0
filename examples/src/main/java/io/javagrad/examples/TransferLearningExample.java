package io.javagrad.examples;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.Weight;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.data.Mnist;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Transfer learning on MNIST. A convolutional base (two conv and pool stages) is trained with a softmax head for
 * digits 0-4 on about 4,000 images. Then the base is frozen ({@code setTrainable(false)}) and a new head for digits
 * 5-9 is trained on only 100 images of those digits (learning rate 1e-2); the base's weights stay exactly as they
 * were. Finally the base is unfrozen and the whole network fine-tuned with a lower learning rate (1e-4). A network
 * of the same shape trained from scratch on the same 100 images shows what the transferred features are worth.
 */
final class TransferLearningExample implements Example {
    private static final int FEW_IMAGES = 100;
    private static final int BATCH = 32;

    @Override
    public String name() {
        return "transfer-learning";
    }

    @Override
    public String description() {
        return "CNN base trained on MNIST digits 0-4, frozen, new head for 5-9 from 100 images, then fine-tuned";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws Exception {
        long seed = options.seed(42);
        int epochs = options.epochs(5);
        Mnist.Data mnist = MnistData.load(options.data(), Mnist.Layout.IMAGES);
        Dataset lowTrain = MnistSubsets.digits(mnist.train(), 0, 4, Integer.MAX_VALUE);
        Dataset lowTest = MnistSubsets.digits(mnist.test(), 0, 4, Integer.MAX_VALUE);
        Dataset highFew = MnistSubsets.digits(mnist.train(), 5, 9, FEW_IMAGES);
        Dataset highTest = MnistSubsets.digits(mnist.test(), 5, 9, Integer.MAX_VALUE);
        out.printf("stage 1 data: %d training images of digits 0-4; stages 2-3: %d training images of digits 5-9;"
                + " test images: %d (0-4) and %d (5-9)%n", lowTrain.size(), highFew.size(), lowTest.size(), highTest.size());

        Sequential base = base();
        Sequential first = classifier(base, "head_0_4", seed);
        compile(first, 1e-3);
        first.fit(lowTrain, FitOptions.defaults().epochs(epochs).batchSize(BATCH).verbose(false));
        out.printf("1. base + head for 0-4 trained on 0-4:          test accuracy on 0-4: %6.2f%%%n",
                100 * accuracy(first, lowTest));

        base.setTrainable(false);
        Sequential second = classifier(base, "head_5_9", seed + 1);
        compile(second, 1e-2);
        second.build();
        out.printf("   frozen base: %d of %d parameters trainable (the new head's)%n",
                second.countTrainableParams(), second.countParams());
        List<Tensor> before = snapshot(base);
        second.fit(highFew, FitOptions.defaults().epochs(4 * epochs).batchSize(BATCH).verbose(false));
        out.printf("2. frozen base + new head on %d images of 5-9: test accuracy on 5-9: %6.2f%%%n",
                highFew.size(), 100 * accuracy(second, highTest));
        out.printf("   largest change of a base weight while frozen: %.4g%n", largestChange(before, base));

        base.setTrainable(true);
        compile(second, 1e-4);
        second.fit(highFew, FitOptions.defaults().epochs(2 * epochs).batchSize(BATCH).verbose(false));
        out.printf("3. unfrozen, fine-tuned at learning rate 1e-4: test accuracy on 5-9: %6.2f%%%n",
                100 * accuracy(second, highTest));
        out.printf("   largest change of a base weight while fine-tuning: %.4g%n", largestChange(before, base));

        Sequential scratch = classifier(base(), "head_5_9", seed + 2);
        compile(scratch, 1e-3);
        scratch.fit(highFew, FitOptions.defaults().epochs(6 * epochs).batchSize(BATCH).verbose(false));
        out.printf("   the same network trained from scratch on the %d images of 5-9: test accuracy %.2f%%%n",
                highFew.size(), 100 * accuracy(scratch, highTest));
    }

    /** Conv 16 3x3 relu, max pool, conv 32 3x3 relu, max pool, flatten: the features that are transferred. */
    private static Sequential base() {
        Sequential base = new Sequential(1, 28, 28);
        base.setName("base");
        base.add(new Conv2D(16, 3, 3).activation("relu"));
        base.add(new MaxPool2D());
        base.add(new Conv2D(32, 3, 3).activation("relu"));
        base.add(new MaxPool2D());
        base.add(new Flatten());
        return base;
    }

    /** {@code base} followed by a new 5-class softmax head named {@code headName}. */
    private static Sequential classifier(Sequential base, String headName, long seed) {
        Sequential model = new Sequential(1, 28, 28);
        model.add(base);
        model.add(new Dense(5).activation("softmax").setName(headName));
        model.setSeed(seed);
        return model;
    }

    private static void compile(Sequential model, double learningRate) {
        model.compile(new Adam(learningRate), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
    }

    private static double accuracy(Sequential model, Dataset test) {
        return model.evaluate(test, 256).get("accuracy");
    }

    private static List<Tensor> snapshot(Sequential base) {
        List<Tensor> copies = new ArrayList<>();
        for (Weight w : base.weights()) {
            copies.add(w.value().detach().cloneTensor());
        }
        return copies;
    }

    private static double largestChange(List<Tensor> before, Sequential base) {
        double largest = 0;
        List<Weight> now = base.weights();
        for (int i = 0; i < now.size(); i++) {
            double[] a = now.get(i).value().toDoubleArray();
            double[] b = before.get(i).toDoubleArray();
            for (int j = 0; j < a.length; j++) {
                largest = Math.max(largest, Math.abs(a[j] - b[j]));
            }
        }
        return largest;
    }
}
