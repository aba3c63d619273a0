package io.javagrad.layers.callbacks;

import io.javagrad.layers.Callback;
import io.javagrad.layers.TrainingContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes one line per epoch to a CSV file: {@code epoch} (from 0, as Keras) and the log entries in alphabetical
 * order, with a header line first (not repeated when appending to a non-empty file).
 */
public final class CSVLogger implements Callback {
    private final Path path;
    private final String separator;
    private final boolean append;
    private BufferedWriter out;
    private List<String> keys;
    private boolean needHeader;

    /** A new file at {@code path}, comma-separated. */
    public CSVLogger(Path path) {
        this(path, ",", false);
    }

    /** @param append whether to add to an existing file instead of replacing it */
    public CSVLogger(Path path, String separator, boolean append) {
        if (path == null || separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("CSVLogger: path and a non-empty separator are required");
        }
        this.path = path;
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(TrainingContext run) {
        try {
            needHeader = !append || !Files.exists(path) || Files.size(path) == 0;
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            keys = null;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + path, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (keys == null) {
            keys = new ArrayList<>(new TreeSet<>(logs.keySet()));
        }
        List<String> cells = new ArrayList<>();
        cells.add(String.valueOf(epoch));
        for (String k : keys) {
            Double v = logs.get(k);
            cells.add(v == null ? "" : String.valueOf(v));
        }
        try {
            if (needHeader) {
                out.write("epoch" + separator + String.join(separator, keys));
                out.newLine();
                needHeader = false;
            }
            out.write(String.join(separator, cells));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + path, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + path, e);
        }
    }
}
