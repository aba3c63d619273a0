package io.javagrad.examples;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Embedding;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.PositionalEncoding;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.Targets;
import io.javagrad.layers.TransformerEncoderBlock;
import io.javagrad.layers.callbacks.CSVLogger;
import io.javagrad.layers.callbacks.LearningRateScheduler;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import io.javagrad.optim.CosineDecay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A one-block Transformer encoder that learns to sort sequences of 8 digits: Embedding(10, 32) plus the
 * sinusoidal PositionalEncoding, a TransformerEncoderBlock (2 heads, feed-forward 64) and a Dense(10) head giving
 * per-token logits (sparse categorical cross-entropy from logits). Output position {@code t} must find the digit
 * of rank {@code t}, which the self-attention learns by comparing every digit with every other. Trains with Adam
 * and a cosine learning-rate decay on random sequences, tests on fresh ones, and prints the token accuracy (digits
 * right), the sequence accuracy (whole sequences right) and sample predictions. Writes the per-epoch logs to
 * {@code transformer-history.csv} in {@code --out DIR}.
 */
final class TransformerExample implements Example {
    static final int LENGTH = 8;
    static final int VOCAB = 10;
    private static final int TRAIN_SIZE = 4096;
    private static final int TEST_SIZE = 1000;
    private static final int D_MODEL = 32;
    private static final int HEADS = 2;
    private static final int FFN = 64;
    private static final int BATCH = 32;
    private static final double PEAK_LEARNING_RATE = 3e-3;

    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String description() {
        return "Transformer encoder block learning to sort 8-digit sequences (token and sequence accuracy)";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws IOException {
        long seed = options.seed(42);
        int epochs = options.epochs(15);
        Path dir = Files.createDirectories(options.out());
        Rng rng = new Rng(seed);
        Tensor trainX = randomSequences(rng, TRAIN_SIZE);
        Tensor testX = randomSequences(rng, TEST_SIZE);
        Tensor trainY = sorted(trainX);
        Tensor testY = sorted(testX);

        Sequential model = new Sequential(LENGTH);
        model.add(new Embedding(VOCAB, D_MODEL));
        model.add(new PositionalEncoding());
        model.add(new TransformerEncoderBlock(D_MODEL, HEADS, FFN));
        model.add(new Dense(VOCAB));
        model.setSeed(seed);
        model.compile(new Adam(PEAK_LEARNING_RATE), new SparseCategoricalCrossentropy(true),
                new SparseCategoricalAccuracy("token_accuracy"));
        model.build();
        out.println(model.summary());
        out.printf("task: sort %d random digits; %d training and %d test sequences%n", LENGTH, TRAIN_SIZE, TEST_SIZE);

        Path csv = dir.resolve("transformer-history.csv");
        long start = System.nanoTime();
        History history = model.fit(trainX, trainY, FitOptions.defaults()
                .epochs(epochs).batchSize(BATCH).validationData(testX, testY)
                .callbacks(LearningRateScheduler.of(new CosineDecay(PEAK_LEARNING_RATE, 0, epochs, PEAK_LEARNING_RATE / 30)),
                        new CSVLogger(csv)));
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Double> test = model.evaluate(new Dataset(testX, testY), 250);
        int[] predicted = Targets.argmaxClasses(model.predict(testX, 250));
        int[] truth = toInts(testY);
        int[] input = toInts(testX);
        out.printf("trained %d epochs in %.1f s; final training loss %.4f; wrote %s%n", history.epochs(), seconds,
                history.last("loss"), csv);
        out.printf("test token accuracy %.2f%%, sequence accuracy %.2f%%%n", 100 * test.get("token_accuracy"),
                100 * sequenceAccuracy(predicted, truth));
        out.println("sample predictions (input -> predicted, expected):");
        for (int s = 0; s < 5; s++) {
            out.printf("  %s -> %s  %s%n", digits(input, s), digits(predicted, s), digits(truth, s));
        }
    }

    /** {@code n} sequences of {@link #LENGTH} uniform random digits, {@code [n, LENGTH]}. */
    static Tensor randomSequences(Rng rng, int n) {
        float[] v = new float[n * LENGTH];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(VOCAB);
        }
        return Tensor.of(v, n, LENGTH);
    }

    /** Each row of {@code x} in ascending order. */
    static Tensor sorted(Tensor x) {
        float[] v = x.toFloatArray().clone();
        for (int i = 0; i < v.length; i += LENGTH) {
            Arrays.sort(v, i, i + LENGTH);
        }
        return Tensor.of(v, x.shape());
    }

    /** The fraction of rows of {@link #LENGTH} tokens that match entirely. */
    static double sequenceAccuracy(int[] predicted, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i += LENGTH) {
            boolean all = true;
            for (int t = 0; t < LENGTH && all; t++) {
                all = predicted[i + t] == truth[i + t];
            }
            right += all ? 1 : 0;
        }
        return right / (double) (truth.length / LENGTH);
    }

    private static int[] toInts(Tensor t) {
        float[] v = t.toFloatArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    private static String digits(int[] values, int row) {
        StringBuilder s = new StringBuilder();
        for (int t = 0; t < LENGTH; t++) {
            s.append(values[row * LENGTH + t]);
        }
        return s.toString();
    }
}
