package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphDotTest {

    /** y = sigmoid(w * x + b) with named leaves, w and b parameters, x a constant. */
    private static Tensor neuron() {
        Tensor w = Tensor.of(new double[] {0.5}).requiresGrad(true).setName("w");
        Tensor x = Tensor.of(new double[] {0.8}).setName("x");
        Tensor b = Tensor.of(new double[] {0.3}).requiresGrad(true).setName("b");
        return w.mul(x).add(b).sigmoid().setName("y");
    }

    private static List<String> lines(String dot, String contains) {
        return Arrays.stream(dot.split("\n")).filter(l -> l.contains(contains)).toList();
    }

    @Test
    void oneNodePerOpAndLeafAndOneEdgePerInput() {
        String dot = GraphDot.toDot(neuron());
        assertTrue(dot.startsWith("digraph autograd {\n"));
        assertTrue(dot.endsWith("}\n"));
        assertEquals(6, lines(dot, "[label=\"").stream().filter(l -> !l.contains("->")).count());
        assertEquals(5, lines(dot, " -> ").size());
        assertEquals(3, lines(dot, "rounded,filled").size());
        assertEquals(2, lines(dot, "fillcolor=\"#cfe2f3\"").size());
        assertEquals(1, lines(dot, "style=dashed").size());
        assertEquals(1, lines(dot, "peripheries=2").size());
    }

    @Test
    void idsFollowBreadthFirstOrderFromTheRoot() {
        String expected = """
                digraph autograd {
                  rankdir=TB;
                  node [fontname="Helvetica", fontsize=10];
                  edge [fontname="Helvetica", fontsize=9];
                  n0 [label="y = sigmoid\\n[1] float64\\nvalue [0.6682]", shape=box, style="rounded,filled", fillcolor="#e8e8e8", peripheries=2];
                  n1 [label="add\\n[1] float64\\nvalue [0.7]", shape=box, style="rounded,filled", fillcolor="#e8e8e8"];
                  n2 [label="mul\\n[1] float64\\nvalue [0.4]", shape=box, style="rounded,filled", fillcolor="#e8e8e8"];
                  n3 [label="b (parameter)\\n[1] float64\\nvalue [0.3]", shape=box, style="filled,bold", fillcolor="#cfe2f3"];
                  n4 [label="w (parameter)\\n[1] float64\\nvalue [0.5]", shape=box, style="filled,bold", fillcolor="#cfe2f3"];
                  n5 [label="x (constant)\\n[1] float64\\nvalue [0.8]", shape=box, style=dashed];
                  n1 -> n0;
                  n2 -> n1 [label="0"];
                  n3 -> n1 [label="1"];
                  n4 -> n2 [label="0"];
                  n5 -> n2 [label="1"];
                }
                """;
        assertEquals(expected, GraphDot.toDot(neuron()));
    }

    @Test
    void gradientsAppearAfterBackward() {
        Tensor y = neuron();
        y.sum().backward(null, true, false);
        String dot = GraphDot.toDot(y);
        assertEquals(1, lines(dot, "w (parameter)").stream().filter(l -> l.contains("grad [0.1774]")).count());
        assertEquals(1, lines(dot, "b (parameter)").stream().filter(l -> l.contains("grad [0.2217]")).count());
        String shapesOnly = GraphDot.toDot(y, GraphDot.Options.shapesOnly());
        assertFalse(shapesOnly.contains("\\ngrad") || shapesOnly.contains("\\nvalue"), shapesOnly);
    }

    @Test
    void bigTensorsShowShapeButNoValues() {
        Tensor w = Tensor.ones(DType.FLOAT32, 5, 4).requiresGrad(true);
        Tensor small = Tensor.ones(DType.FLOAT32, 4).requiresGrad(true);
        String dot = GraphDot.toDot(w.mul(small).sum());
        assertEquals(2, lines(dot, "[5, 4] float32").size());
        assertTrue(lines(dot, "[5, 4] float32").stream().noneMatch(l -> l.contains("value")));
        assertTrue(lines(dot, "[4] float32").get(0).contains("value [1, 1, 1, 1]"));
        assertTrue(GraphDot.toDot(w.mul(small).sum(), GraphDot.Options.defaults().withMaxValueElements(20))
                .contains("value [[1, 1, 1, 1], [1, 1, 1, 1]"));
    }

    @Test
    void valuesAreRoundedToFourSignificantDigits() {
        Tensor t = Tensor.of(new double[] {1e-7, 123456789, -2.5, 1.0 / 3, 0});
        assertTrue(GraphDot.toDot(t).contains("value [1.000e-07, 1.235e+08, -2.5, 0.3333, 0]"), GraphDot.toDot(t));
    }

    @Test
    void sharedInputsAndLeafRootAreDrawnOnce() {
        Tensor x = Tensor.of(new double[] {2}).requiresGrad(true);
        String dot = GraphDot.toDot(x.mul(x));
        assertEquals(1, lines(dot, "parameter").size());
        assertEquals(2, lines(dot, "n1 -> n0").size());
        String leafOnly = GraphDot.toDot(x);
        assertEquals(0, lines(leafOnly, "->").size());
        assertEquals(1, lines(leafOnly, "peripheries=2").size());
    }

    @Test
    void namesAreEscaped() {
        Tensor x = Tensor.of(new double[] {1}).requiresGrad(true).setName("say \"hi\"\\");
        assertTrue(GraphDot.toDot(x).contains("label=\"say \\\"hi\\\"\\\\ (parameter)"));
    }

    @Test
    void renderWithoutGraphvizWritesTheDotFileAndExplains(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g.dot");
        GraphDot.Rendering r = GraphDot.render("digraph { a -> b; }\n", file, "svg", "javagrad-no-such-dot-program");
        assertFalse(r.rendered());
        assertNull(r.image());
        assertEquals("digraph { a -> b; }\n", Files.readString(file));
        assertTrue(r.message().contains("not installed"), r.message());
        assertTrue(r.message().contains("-Tsvg"), r.message());
        assertFalse(Files.exists(dir.resolve("g.svg")));
    }

    @Test
    void renderWithGraphvizMakesTheImage(@TempDir Path dir) throws IOException {
        assumeTrue(GraphDot.isDotInstalled(), "Graphviz is not installed");
        GraphDot.Rendering r = GraphDot.render(GraphDot.toDot(neuron()), dir.resolve("g.dot"), "svg");
        assertTrue(r.rendered(), r.message());
        assertEquals(dir.resolve("g.svg"), r.image());
        assertTrue(Files.readString(r.image()).contains("<svg"));
    }

    @Test
    void unknownFormatIsRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphDot.render("digraph {}", dir.resolve("g.dot"), "gif"));
        assertTrue(e.getMessage().contains("gif"));
        assertThrows(IllegalArgumentException.class, () -> GraphDot.Options.defaults().withMaxValueElements(-1));
    }
}
