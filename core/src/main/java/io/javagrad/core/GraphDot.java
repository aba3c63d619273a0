package io.javagrad.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Draws the autograd graph behind a tensor as Graphviz DOT text, inputs at the top and the tensor at the bottom: one node per recorded op and one per leaf
 * tensor, an edge from every input to the op that read it (labelled with the argument position when the op
 * has several inputs).
 *
 * <ul>
 *   <li>op: grey rounded box, the op's name ({@code "name = op"} when its output tensor has a name), the output's
 *       shape and dtype;</li>
 *   <li>parameter (a leaf that requires a gradient): blue bold box;</li>
 *   <li>constant (a leaf that does not): dashed box;</li>
 *   <li>the tensor drawn from has a double border.</li>
 * </ul>
 * Values and gradients are shown for tensors of at most {@link Options#maxValueElements()} elements. Node ids
 * ({@code n0} for the root, then in breadth-first order over the inputs) and the text are deterministic.
 *
 * <pre>{@code
 * loss.backward(null, true, false);
 * String dot = GraphDot.toDot(loss);
 * GraphDot.render(dot, Path.of("graph.dot"), "svg");   // graph.svg when Graphviz is installed
 * }</pre>
 */
public final class GraphDot {
    private GraphDot() {}

    private static final List<String> FORMATS = List.of("svg", "png", "pdf");
    private static final long VERSION_CHECK_SECONDS = 10;
    private static final long RENDER_SECONDS = 60;

    /** What the labels show. */
    public record Options(boolean showValues, boolean showGradients, int maxValueElements) {
        public Options {
            if (maxValueElements < 0) {
                throw new IllegalArgumentException("GraphDot.Options: maxValueElements must be >= 0, got " + maxValueElements);
            }
        }

        /** Values and gradients of tensors with at most 16 elements. */
        public static Options defaults() {
            return new Options(true, true, 16);
        }

        /** Shapes and dtypes only. */
        public static Options shapesOnly() {
            return new Options(false, false, 0);
        }

        /** These options with another size limit for shown values and gradients. */
        public Options withMaxValueElements(int n) {
            return new Options(showValues, showGradients, n);
        }
    }

    /** The result of {@link #render}: the DOT file (always written), the image ({@code null} if none) and what happened. */
    public record Rendering(Path dotFile, Path image, String message) {
        /** Whether the image was made. */
        public boolean rendered() {
            return image != null;
        }
    }

    /** DOT text of the graph behind {@code root} with {@link Options#defaults()}. */
    public static String toDot(Tensor root) {
        return toDot(root, Options.defaults());
    }

    /** DOT text of the graph behind {@code root}. */
    public static String toDot(Tensor root, Options options) {
        return new Writer(options).write(root);
    }

    /**
     * Writes {@code dot} to {@code dotFile} and, when Graphviz's {@code dot} program is on the PATH, renders it to
     * the same path with the extension {@code format} ({@code "svg"}, {@code "png"} or {@code "pdf"}). Without
     * Graphviz only the DOT file is written and the message says how to render it later.
     *
     * @throws IOException if a file cannot be written or {@code dot} fails on the input
     */
    public static Rendering render(String dot, Path dotFile, String format) throws IOException {
        return render(dot, dotFile, format, "dot");
    }

    /** {@link #render(String, Path, String)} with another Graphviz executable (a name on the PATH or a path). */
    static Rendering render(String dot, Path dotFile, String format, String executable) throws IOException {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("GraphDot.render: format must be one of " + FORMATS + ", got '" + format + "'");
        }
        Files.writeString(dotFile, dot, StandardCharsets.UTF_8);
        Path image = imagePath(dotFile, format);
        String command = executable + " -T" + format + " " + dotFile + " -o " + image;
        if (!isInstalled(executable)) {
            return new Rendering(dotFile, null, "Graphviz ('" + executable + "') is not installed: wrote " + dotFile
                    + " only. Install Graphviz (e.g. apt-get install graphviz) and run: " + command);
        }
        Path log = Files.createTempFile("javagrad-dot", ".log");
        try {
            Process process = new ProcessBuilder(executable, "-T" + format, dotFile.toString(), "-o", image.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!waitFor(process, RENDER_SECONDS)) {
                return new Rendering(dotFile, null, command + " did not finish within " + RENDER_SECONDS
                        + " s and was stopped: wrote " + dotFile + " only");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command + " failed with exit code " + process.exitValue() + ": "
                        + Files.readString(log).strip());
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return new Rendering(dotFile, image, "wrote " + dotFile + " and " + image);
    }

    /** Whether Graphviz's {@code dot} program can be run (it answers {@code dot -V} within 10 seconds). */
    public static boolean isDotInstalled() {
        return isInstalled("dot");
    }

    private static boolean isInstalled(String executable) {
        try {
            Process process = new ProcessBuilder(executable, "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return waitFor(process, VERSION_CHECK_SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to {@code seconds}; a process still running then is killed and {@code false} returned. */
    private static boolean waitFor(Process process, long seconds) {
        try {
            if (process.waitFor(seconds, TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    private static Path imagePath(Path dotFile, String format) {
        String name = dotFile.getFileName().toString();
        String base = name.endsWith(".dot") ? name.substring(0, name.length() - 4) : name;
        return dotFile.resolveSibling(base + "." + format);
    }

    /** One traversal: assigns ids breadth-first from the root and collects node and edge lines. */
    private static final class Writer {
        private final Options options;
        private final Map<Node, Integer> opIds = new IdentityHashMap<>();
        private final Map<Tensor, Integer> leafIds = new IdentityHashMap<>();
        private final ArrayDeque<Tensor> toExpand = new ArrayDeque<>();
        private final StringBuilder nodes = new StringBuilder();
        private final StringBuilder edges = new StringBuilder();
        private int nextId;

        Writer(Options options) {
            this.options = options;
        }

        String write(Tensor root) {
            idOf(root, true);
            while (!toExpand.isEmpty()) {
                Tensor out = toExpand.poll();
                Node node = out.gradFn();
                int consumer = opIds.get(node);
                List<Tensor> inputs = node.inputs();
                for (int i = 0; i < inputs.size(); i++) {
                    Tensor in = inputs.get(i);
                    if (in == null) {
                        continue;
                    }
                    edges.append("  n").append(idOf(in, false)).append(" -> n").append(consumer);
                    if (inputs.size() > 1) {
                        edges.append(" [label=\"").append(i).append("\"]");
                    }
                    edges.append(";\n");
                }
            }
            return "digraph autograd {\n"
                    + "  rankdir=TB;\n"
                    + "  node [fontname=\"Helvetica\", fontsize=10];\n"
                    + "  edge [fontname=\"Helvetica\", fontsize=9];\n"
                    + nodes + edges + "}\n";
        }

        private int idOf(Tensor t, boolean isRoot) {
            Node node = t.gradFn();
            Integer known = node != null ? opIds.get(node) : leafIds.get(t);
            if (known != null) {
                return known;
            }
            int id = nextId++;
            String title;
            String style;
            if (node != null) {
                opIds.put(node, id);
                toExpand.add(t);
                title = t.name() == null ? node.op() : t.name() + " = " + node.op();
                style = "shape=box, style=\"rounded,filled\", fillcolor=\"#e8e8e8\"";
            } else {
                leafIds.put(t, id);
                String kind = t.requiresGrad() ? "parameter" : "constant";
                title = t.name() == null ? kind : t.name() + " (" + kind + ")";
                style = t.requiresGrad() ? "shape=box, style=\"filled,bold\", fillcolor=\"#cfe2f3\""
                        : "shape=box, style=dashed";
            }
            nodes.append("  n").append(id).append(" [label=\"").append(escape(label(t, title))).append("\", ")
                    .append(style).append(isRoot ? ", peripheries=2" : "").append("];\n");
            return id;
        }

        private String label(Tensor t, String title) {
            StringBuilder sb = new StringBuilder(title).append('\n').append(Shapes.str(t.shape())).append(' ').append(t.dtype());
            if (options.showValues() && t.numel() <= options.maxValueElements()) {
                sb.append("\nvalue ").append(TensorFormat.compact(t));
            }
            Tensor grad = t.grad();
            if (options.showGradients() && grad != null && grad.numel() <= options.maxValueElements()) {
                sb.append("\ngrad ").append(TensorFormat.compact(grad));
            }
            return sb.toString();
        }

        /** DOT string escaping; line breaks become DOT's centred {@code \n}. */
        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n");
        }
    }
}
