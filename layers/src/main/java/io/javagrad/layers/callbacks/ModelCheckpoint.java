package io.javagrad.layers.callbacks;

import io.javagrad.layers.Callback;
import io.javagrad.layers.Model;
import io.javagrad.layers.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model after every epoch, or only when the monitored value improved. The path is a pattern in
 * Keras's form: {@code ckpt-{epoch:02d}-{val_loss:.4f}.h5} puts the epoch (from 1) and any log entry into the
 * name ({@code d}, {@code .Nf} and {@code .Ne} formats, or none).
 */
public final class ModelCheckpoint implements Callback {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z0-9_]+)(?::([^}]*))?}");
    private static final Pattern SPEC = Pattern.compile("0?\\d*d|\\d*\\.\\d+[fe]");

    private final String pathPattern;
    private final ModelWriter writer;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private Model model;
    private double best;

    /**
     * @param pathPattern  where to write, with {@code {field:format}} placeholders
     * @param writer       how to write (e.g. the io module's HDF5 writer)
     * @param monitor      the log entry that decides "best", e.g. {@code val_loss}
     * @param saveBestOnly whether to write only when {@code monitor} improved
     */
    public ModelCheckpoint(String pathPattern, ModelWriter writer, String monitor, boolean saveBestOnly) {
        if (pathPattern == null || writer == null) {
            throw new IllegalArgumentException("ModelCheckpoint: path pattern and writer are required");
        }
        Matcher m = FIELD.matcher(pathPattern);
        while (m.find()) {
            if (m.group(2) != null && !SPEC.matcher(m.group(2)).matches()) {
                throw new IllegalArgumentException("ModelCheckpoint: unsupported format '" + m.group(2) + "' in '"
                        + pathPattern + "'; use d, 02d, .4f or .3e");
            }
        }
        this.pathPattern = pathPattern;
        this.writer = writer;
        this.monitor = new Monitor("ModelCheckpoint", monitor, MonitorMode.AUTO, 0);
        this.saveBestOnly = saveBestOnly;
    }

    @Override
    public void onTrainBegin(TrainingContext run) {
        model = run.model();
        best = monitor.worst();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double current = monitor.value(logs);
            if (current == null || !monitor.improved(current, best)) {
                return;
            }
            best = current;
        }
        Path path = Path.of(fileName(pathPattern, epoch + 1, logs));
        try {
            writer.write(model, path);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot write " + path, e);
        }
    }

    /** {@code pattern} with {@code {epoch}} and the log entries filled in. */
    static String fileName(String pattern, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String spec = m.group(2);
            Double value = key.equals("epoch") ? Double.valueOf(epoch) : logs.get(key);
            if (value == null) {
                throw new IllegalArgumentException("ModelCheckpoint: '{" + key + "}' in '" + pattern
                        + "' is not in the logs; available: epoch, " + logs.keySet());
            }
            String text;
            if (spec == null || spec.isEmpty()) {
                text = key.equals("epoch") ? String.valueOf(epoch) : String.valueOf(value);
            } else if (spec.endsWith("d")) {
                text = String.format(Locale.ROOT, "%" + spec, Math.round(value));
            } else {
                text = String.format(Locale.ROOT, "%" + spec, value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
