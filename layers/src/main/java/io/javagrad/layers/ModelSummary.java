package io.javagrad.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keras's text summary: one row per layer with its name and type, output shape (batch axis {@code None}) and
 * parameter count (functional models add the layers each one is connected to), then the totals.
 */
final class ModelSummary {
    private ModelSummary() {}

    static String of(Model model) {
        if (!model.isBuilt() && model.inputKnown()) {
            model.build();
        }
        FunctionalGraph graph = model.graph();
        List<String[]> rows = new ArrayList<>();
        for (Layer layer : model.layers()) {
            String params = String.format(Locale.ROOT, "%,d", layer.countParams());
            String shape = shapeText(model.outputShapes(layer), layer instanceof InputLayer il ? il.input() : null);
            String name = layer.name() + " (" + layer.className() + ")";
            rows.add(graph == null ? new String[] {name, shape, params}
                    : new String[] {name, shape, params, connections(graph, layer)});
        }
        String[] header = graph == null ? new String[] {"Layer (type)", "Output Shape", "Param #"}
                : new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"};
        int[] widths = graph == null ? new int[] {29, 26, 10} : new int[] {32, 21, 11, 33};
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length() + 2);
            }
        }
        int total = Arrays.stream(widths).sum();
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.name()).append("\"\n");
        b.append("_".repeat(total)).append('\n');
        b.append(row(header, widths)).append('\n');
        b.append("=".repeat(total)).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            b.append(row(rows.get(r), widths)).append('\n');
            if (r < rows.size() - 1) {
                b.append("_".repeat(total)).append('\n');
            }
        }
        int all = model.countParams();
        int trainable = model.countTrainableParams();
        b.append("=".repeat(total)).append('\n');
        b.append(String.format(Locale.ROOT, "Total params: %,d%n", all));
        b.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainable));
        b.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", all - trainable));
        b.append("_".repeat(total)).append('\n');
        return b.toString();
    }

    private static String shapeText(List<int[]> shapes, Input input) {
        if (input != null) {
            return SymbolicTensor.str(input.shape());
        }
        if (shapes.isEmpty()) {
            return "?";
        }
        for (int[] s : shapes) {
            if (!Arrays.equals(s, shapes.get(0))) {
                return "multiple";
            }
        }
        return SymbolicTensor.str(shapes.get(0));
    }

    private static String connections(FunctionalGraph graph, Layer layer) {
        List<String> refs = new ArrayList<>();
        for (GraphNode node : graph.nodesOf(layer)) {
            for (SymbolicTensor in : node.inputs) {
                List<Object> r = graph.reference(in);
                refs.add(r.get(0) + "[" + r.get(1) + "][" + r.get(2) + "]");
            }
        }
        return String.join(", ", refs);
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = " " + cells[i];
            b.append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length())));
        }
        return b.toString().stripTrailing();
    }
}
