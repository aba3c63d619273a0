package io.javagrad.layers.callbacks;

import io.javagrad.layers.Callback;
import io.javagrad.layers.TrainingContext;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The default progress display of {@link io.javagrad.layers.Model#fit}: one Keras-style line per epoch,
 * {@code Epoch 3/10 - 2.1s - loss: 0.1234 - accuracy: 0.9650 - val_loss: 0.2345}, and, when live (by default on
 * a terminal), a bar with the ETA inside the epoch, redrawn in place with {@code \r}.
 */
public final class ProgressBar implements Callback {
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean live;
    private TrainingContext run;
    private long epochStart;
    private int lastLineLength;

    /** On standard output, live when the JVM has a console. */
    public ProgressBar() {
        this(System.out, System.console() != null);
    }

    /** On {@code out}; {@code live} draws the in-epoch bar. */
    public ProgressBar(PrintStream out, boolean live) {
        if (out == null) {
            throw new IllegalArgumentException("ProgressBar: output stream is null");
        }
        this.out = out;
        this.live = live;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        run = context;
    }

    @Override
    public void onEpochBegin(int epoch) {
        epochStart = System.nanoTime();
        lastLineLength = 0;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (!live) {
            return;
        }
        int steps = run.stepsPerEpoch();
        int done = batch + 1;
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        double eta = elapsed / done * (steps - done);
        int filled = (int) ((long) BAR_WIDTH * done / steps);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? (done == steps ? "=" : ">") : "")
                + ".".repeat(BAR_WIDTH - filled);
        String width = String.valueOf(steps);
        String line = String.format(Locale.ROOT, "%" + width.length() + "d/%s [%s] - ETA: %s", done, width, bar,
                duration(eta)) + values(logs, true);
        redraw(line);
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        String line = String.format(Locale.ROOT, "Epoch %d/%d - %.1fs", epoch + 1, run.epochs(), elapsed)
                + values(logs, false);
        if (live) {
            redraw(line);
            out.println();
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void redraw(String line) {
        out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
        lastLineLength = line.length();
    }

    private static String values(Map<String, Double> logs, boolean batch) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            if (batch && e.getKey().equals("batch_loss")) {
                continue;
            }
            b.append(" - ").append(e.getKey()).append(": ").append(number(e.getValue()));
        }
        return b.toString();
    }

    /** Keras's number format: 4 decimals, or scientific notation for small magnitudes. */
    static String number(double v) {
        return Math.abs(v) >= 1e-3 || v == 0 || Double.isNaN(v) || Double.isInfinite(v)
                ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) : s + "s";
    }
}
