package io.javagrad.examples;

import io.javagrad.core.Autograd;
import io.javagrad.core.BackpropTrace;
import io.javagrad.core.DType;
import io.javagrad.core.GraphDot;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.io.plot.Plots;
import io.javagrad.layers.History;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest network that learns XOR, 2-2-1 (tanh hidden layer, sigmoid output, mean squared error), with
 * everything a student needs to follow one step of backpropagation by hand. Writes to {@code --out DIR}:
 * <ul>
 *   <li>{@code xor-graph.dot} (and {@code .svg}, {@code .png} when Graphviz is installed): the autograd graph of
 *       the first step's loss, with values and gradients;</li>
 *   <li>{@code xor-backprop-trace.txt}: every step of that first backward pass, with the chain rule's numbers;</li>
 *   <li>{@code xor-loss.csv} and {@code xor-loss.png}: the loss of every epoch.</li>
 * </ul>
 */
final class XorExplainedExample implements Example {
    private static final double LEARNING_RATE = 2.0;

    @Override
    public String name() {
        return "xor-explained";
    }

    @Override
    public String description() {
        return "2-2-1 XOR network: autograd graph (DOT/SVG), a backprop trace and the loss curve written to --out";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws IOException {
        int epochs = options.epochs(2000);
        Path dir = Files.createDirectories(options.out());
        Rng rng = new Rng(options.seed(42));
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}).setName("x");
        Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}}).setName("y");
        Tensor w1 = parameter(Tensor.randn(rng, DType.FLOAT64, 2, 2), "W1");
        Tensor b1 = parameter(Tensor.zeros(DType.FLOAT64, 2), "b1");
        Tensor w2 = parameter(Tensor.randn(rng, DType.FLOAT64, 2, 1), "W2");
        Tensor b2 = parameter(Tensor.zeros(DType.FLOAT64, 1), "b2");
        List<Tensor> params = List.of(w1, b1, w2, b2);

        History history = new History();
        Tensor prediction = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Tensor hidden = x.matmul(w1).add(b1).setName("z1").tanh().setName("h");
            prediction = hidden.matmul(w2).add(b2).setName("z2").sigmoid().setName("p");
            Tensor loss = prediction.sub(y).setName("err").square().setName("sq").mean().setName("loss");
            if (epoch == 1) {
                explainFirstStep(loss, dir, out);
            } else {
                loss.backward();
            }
            try (Autograd.Scope s = Autograd.noGrad()) {
                for (Tensor p : params) {
                    p.addInPlace(p.grad(), -LEARNING_RATE);
                    p.zeroGrad();
                }
            }
            history.onEpochEnd(epoch - 1, new LinkedHashMap<>(Map.of("loss", loss.item())));
            if (epoch == 1 || epoch % Math.max(1, epochs / 10) == 0) {
                out.printf("epoch %5d  loss %.6f%n", epoch, loss.item());
            }
        }
        double[] p = prediction.toDoubleArray();
        out.printf("predictions for 00 01 10 11: %.3f %.3f %.3f %.3f%n", p[0], p[1], p[2], p[3]);
        writeLossCurve(history, dir, out);
    }

    private static Tensor parameter(Tensor init, String name) {
        return init.requiresGrad(true).setName(name);
    }

    /** Traces the first backward pass and draws its graph (after the backward, so gradients show). */
    private static void explainFirstStep(Tensor loss, Path dir, PrintStream out) throws IOException {
        BackpropTrace trace = BackpropTrace.of(loss);
        Path traceFile = dir.resolve("xor-backprop-trace.txt");
        Files.writeString(traceFile, trace.format());
        out.println("wrote " + traceFile + " (" + trace.steps().size() + " backward steps of the first training step)");
        String dot = GraphDot.toDot(loss);
        Path dotFile = dir.resolve("xor-graph.dot");
        GraphDot.Rendering svg = GraphDot.render(dot, dotFile, "svg");
        out.println(svg.message());
        if (svg.rendered()) {
            out.println(GraphDot.render(dot, dotFile, "png").message());
        }
    }

    /** The losses as CSV, and drawn by {@link Plots#trainingCurves} from a History like the one fit returns. */
    private static void writeLossCurve(History history, Path dir, PrintStream out) throws IOException {
        StringBuilder csv = new StringBuilder("epoch,loss\n");
        List<Double> losses = history.get("loss");
        for (int i = 0; i < losses.size(); i++) {
            csv.append(i + 1).append(',').append(losses.get(i)).append('\n');
        }
        Path csvFile = dir.resolve("xor-loss.csv");
        Files.writeString(csvFile, csv);
        Path png = dir.resolve("xor-loss.png");
        Plots.trainingCurves(history, png);
        out.println("wrote " + csvFile + " and " + png);
    }
}
