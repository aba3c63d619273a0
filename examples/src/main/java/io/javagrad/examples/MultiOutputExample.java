package io.javagrad.examples;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Concatenate;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Input;
import io.javagrad.layers.Model;
import io.javagrad.layers.SymbolicTensor;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.data.Mnist;
import io.javagrad.layers.losses.MeanSquaredError;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.MeanAbsoluteError;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A functional model with two inputs and two outputs. Inputs: an MNIST image (784 pixels) and an auxiliary vector
 * of 4 random numbers. Outputs: the digit (softmax, sparse categorical cross-entropy) and a regression target (mean
 * squared error): the image's mean pixel intensity, standardized, plus the first auxiliary number, so that the
 * second head needs both inputs (the other three auxiliary numbers are noise it must learn to ignore). The total
 * loss weighs the digit loss 1.0 and the regression loss 0.5. Prints the per-output losses and metrics.
 *
 * <pre>
 * image [784] -> Dense 128 relu -> features -> Dense 10 softmax -> digit
 *                Concatenate(features [128], aux [4]) -> Dense 32 relu -> Dense 1 -> regression
 * </pre>
 */
final class MultiOutputExample implements Example {
    static final int AUX = 4;
    private static final double[] LOSS_WEIGHTS = {1.0, 0.5};

    @Override
    public String name() {
        return "multi-output";
    }

    @Override
    public String description() {
        return "functional model, 2 inputs (MNIST image, aux vector) and 2 outputs (digit, regression), weighted losses";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws Exception {
        long seed = options.seed(42);
        Mnist.Data mnist = MnistData.load(options.data(), Mnist.Layout.FLAT);
        Rng rng = new Rng(seed);
        Tensor trainAux = auxiliary(rng, mnist.train().size());
        Tensor testAux = auxiliary(rng, mnist.test().size());
        double[] stats = meanAndStd(meanIntensity(mnist.train().x()));
        Dataset train = twoByTwo(mnist.train(), trainAux, stats);
        Dataset test = twoByTwo(mnist.test(), testAux, stats);

        Model model = model(seed);
        out.println(model.summary());
        out.printf("targets: digit (weight %.1f) and standardized mean intensity + aux[0] (weight %.1f)%n",
                LOSS_WEIGHTS[0], LOSS_WEIGHTS[1]);
        History history = model.fit(train, FitOptions.defaults().epochs(options.epochs(5)).batchSize(64)
                .validationData(test));
        Map<String, Double> logs = model.evaluate(test, 256);
        out.printf("after %d epochs, on the %d test samples:%n", history.epochs(), test.size());
        out.printf("  total loss %.4f = 1.0 x digit_loss %.4f + 0.5 x regression_loss %.4f%n", logs.get("loss"),
                logs.get("digit_loss"), logs.get("regression_loss"));
        out.printf("  digit accuracy %.2f%%, regression mean absolute error %.4f (target standard deviation %.3f)%n",
                100 * logs.get("digit_accuracy"), logs.get("regression_mae"), std(test.ys().get(1)));
        List<Tensor> predictions = model.predict(test.xs(), 256);
        float[] digits = predictions.get(0).argmax(-1, false).toFloatArray();
        float[] intensity = predictions.get(1).toFloatArray();
        float[] trueDigits = test.ys().get(0).toFloatArray();
        float[] trueIntensity = test.ys().get(1).toFloatArray();
        for (int i = 0; i < 5; i++) {
            out.printf("  sample %d: digit %d (true %d), regression %+.3f (true %+.3f)%n", i, (int) digits[i],
                    (int) trueDigits[i], intensity[i], trueIntensity[i]);
        }
    }

    /** The two-input, two-output network, compiled with the weighted losses and per-output metrics. */
    static Model model(long seed) {
        Input image = Input.of(784);
        Input aux = Input.of(AUX);
        SymbolicTensor features = new Dense(128).activation("relu").apply(image);
        SymbolicTensor digit = new Dense(10).activation("softmax").setName("digit").apply(features);
        SymbolicTensor joined = new Concatenate().apply(List.of(features, aux));
        SymbolicTensor hidden = new Dense(32).activation("relu").apply(joined);
        SymbolicTensor intensity = new Dense(1).setName("regression").apply(hidden);
        Model model = new Model(List.of(image, aux), List.of(digit, intensity));
        model.setSeed(seed);
        model.compile(new Adam(1e-3), List.of(new SparseCategoricalCrossentropy(), new MeanSquaredError()), LOSS_WEIGHTS,
                List.of(List.of(new SparseCategoricalAccuracy("accuracy")), List.of(new MeanAbsoluteError("mae"))));
        return model;
    }

    /** {@code n} rows of {@link #AUX} uniform numbers in [0, 1). */
    private static Tensor auxiliary(Rng rng, int n) {
        float[] v = new float[n * AUX];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble();
        }
        return Tensor.of(v, n, AUX);
    }

    /** The mean pixel of each image row of {@code images [N, 784]}. */
    private static float[] meanIntensity(Tensor images) {
        return images.mean(1, false).toFloatArray();
    }

    private static double[] meanAndStd(float[] values) {
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / values.length;
        return new double[] {mean, Math.sqrt(squares / values.length - mean * mean)};
    }

    private static double std(Tensor t) {
        return meanAndStd(t.toFloatArray())[1];
    }

    /** Inputs (image, aux) and targets (digit, standardized intensity + aux[0] as {@code [N, 1]}). */
    private static Dataset twoByTwo(Dataset mnist, Tensor aux, double[] intensityStats) {
        float[] intensity = meanIntensity(mnist.x());
        float[] a = aux.toFloatArray();
        float[] target = new float[intensity.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) ((intensity[i] - intensityStats[0]) / intensityStats[1] + a[i * AUX]);
        }
        return new Dataset(List.of(mnist.x(), aux), List.of(mnist.y(), Tensor.of(target, target.length, 1)));
    }
}
