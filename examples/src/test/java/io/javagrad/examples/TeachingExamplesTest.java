package io.javagrad.examples;

import static io.javagrad.examples.ExampleRuns.assertPng;
import static io.javagrad.examples.ExampleRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeachingExamplesTest {

    @Test
    void xorExplainedWritesGraphTraceAndLossCurve(@TempDir Path dir) throws Exception {
        String output = run(new XorExplainedExample(), "--epochs", "5", "--out", dir.toString());
        for (String name : List.of("xor-graph.dot", "xor-backprop-trace.txt", "xor-loss.csv", "xor-loss.png")) {
            Path file = dir.resolve(name);
            assertTrue(Files.size(file) > 0, name + " is empty or missing; output:\n" + output);
        }
        assertTrue(Files.readString(dir.resolve("xor-graph.dot")).contains("W1 (parameter)"));
        assertTrue(Files.readString(dir.resolve("xor-backprop-trace.txt")).contains("gradient dL/dW1"));
        assertEquals(6, Files.readAllLines(dir.resolve("xor-loss.csv")).size());
        assertPng(dir.resolve("xor-loss.png"));
    }

    @Test
    void customOpPassesFirstAndSecondOrderGradientChecks() throws Exception {
        String output = run(new CustomOpExample());
        assertTrue(output.contains("first order:  gradient check passed"), output);
        assertTrue(output.contains("second order: gradient check passed"), output);
        assertTrue(output.contains("custom op verified"), output);
        assertTrue(output.contains("stable logcosh(x) at -1000, 0, 1000:   tensor([999.30685"), output);
    }
}
