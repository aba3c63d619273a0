package io.javagrad.layers.data;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a numeric table from a delimited text file into a {@link Dataset}: the label columns become the target
 * tensor {@code [rows, labels]}, the other columns the input tensor {@code [rows, features]}.
 *
 * <pre>{@code
 * Dataset d = new CsvReader().header(true).labelColumns("species").read(Path.of("iris.csv"));
 * }</pre>
 *
 * <p>Cells are trimmed and may be wrapped in double quotes; blank lines are skipped. Quoted delimiters are not
 * supported (the table is numeric). A cell that is not a number, or a row with the wrong number of cells, gives
 * an {@link IOException} naming the file, the line and the column.
 */
public final class CsvReader {
    private boolean header;
    private char delimiter = ',';
    private int[] labelIndices = new int[0];
    private String[] labelNames;
    private DType dtype = DType.FLOAT32;

    /** A reader for comma-separated files without a header, float32, no label columns. */
    public CsvReader() {}

    /** Whether the first non-blank line names the columns. */
    public CsvReader header(boolean hasHeader) {
        this.header = hasHeader;
        return this;
    }

    /** The cell separator, e.g. {@code ';'} or {@code '\t'}. */
    public CsvReader delimiter(char separator) {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("CsvReader: delimiter cannot be a quote or a line break");
        }
        this.delimiter = separator;
        return this;
    }

    /** The label columns by 0-based index. */
    public CsvReader labelColumns(int... indices) {
        this.labelIndices = indices.clone();
        this.labelNames = null;
        return this;
    }

    /** The label columns by header name (needs {@link #header(boolean)}). */
    public CsvReader labelColumns(String... names) {
        this.labelNames = names.clone();
        this.labelIndices = null;
        return this;
    }

    /** The dtype of the tensors (float32 by default). */
    public CsvReader dtype(DType type) {
        this.dtype = type;
        return this;
    }

    /** Reads the file; an inputs-only dataset when no label columns were chosen. */
    public Dataset read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] names = null;
        int columns = -1;
        List<double[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (columns < 0) {
                columns = cells.length;
            } else if (cells.length != columns) {
                throw new IOException(file + " line " + (ln + 1) + ": " + cells.length + " cells, expected " + columns);
            }
            if (header && names == null) {
                names = cells;
                continue;
            }
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = parse(file, ln + 1, c, names, cells[c]);
            }
            rows.add(row);
        }
        if (columns < 0 || rows.isEmpty()) {
            throw new IOException(file + ": no data rows");
        }
        boolean[] isLabel = labelMask(file, names, columns);
        int labels = 0;
        for (boolean b : isLabel) {
            labels += b ? 1 : 0;
        }
        Tensor x = table(rows, isLabel, false, columns - labels);
        Tensor y = labels == 0 ? null : table(rows, isLabel, true, labels);
        return new Dataset(x, y);
    }

    private String[] split(String line) {
        String[] cells = line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].trim();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1).trim();
            }
            cells[i] = c;
        }
        return cells;
    }

    private static double parse(Path file, int line, int column, String[] names, String cell) throws IOException {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            String name = names == null ? "" : " ('" + names[column] + "')";
            throw new IOException(file + " line " + line + ", column " + (column + 1) + name + ": '" + cell
                    + "' is not a number");
        }
    }

    private boolean[] labelMask(Path file, String[] names, int columns) throws IOException {
        boolean[] mask = new boolean[columns];
        if (labelNames != null) {
            if (names == null) {
                throw new IOException(file + ": label columns by name need a header; call header(true)");
            }
            for (String want : labelNames) {
                int at = Arrays.asList(names).indexOf(want);
                if (at < 0) {
                    throw new IOException(file + ": no column named '" + want + "'; columns: " + Arrays.toString(names));
                }
                mask[at] = true;
            }
        } else {
            for (int i : labelIndices) {
                if (i < 0 || i >= columns) {
                    throw new IOException(file + ": label column " + i + " is outside [0, " + columns + ")");
                }
                mask[i] = true;
            }
        }
        return mask;
    }

    private Tensor table(List<double[]> rows, boolean[] isLabel, boolean labels, int width) {
        double[] data = new double[rows.size() * width];
        int k = 0;
        for (double[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (isLabel[c] == labels) {
                    data[k++] = row[c];
                }
            }
        }
        return Tensor.of(data, rows.size(), width).to(dtype);
    }
}
