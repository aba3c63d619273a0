package io.javagrad.layers.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Loss;
import io.javagrad.layers.Losses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward values and gradients of every loss against PyTorch, from the fixture written by
 * {@code layers/src/test/python/torch_loss_fixtures.py} (the command is in that script).
 */
class TorchReferenceTest {

    @TestFactory
    List<DynamicTest> lossesMatchPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, String> c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.get("id"), () -> checkCase(c)));
        }
        assertEquals(17, tests.size(), "fixture cases");
        return tests;
    }

    private static void checkCase(Map<String, String> c) {
        Loss loss = Losses.fromConfig(config(c.get("spec")));
        Tensor yPred = tensor(c.get("y_pred")).requiresGrad(true);
        Tensor w = c.containsKey("weight") ? tensor(c.get("weight")) : null;
        Tensor out = loss.compute(tensor(c.get("y_true")), yPred, w);
        assertEquals(0, out.rank());
        double expected = Double.parseDouble(c.get("loss").split(":")[1].trim());
        assertEquals(expected, out.item(), 1e-12 * Math.max(1, Math.abs(expected)), c.get("id") + " loss");
        out.backward();
        double[] grad = tensor(c.get("grad")).toDoubleArray();
        double[] actual = yPred.grad().toDoubleArray();
        for (int i = 0; i < grad.length; i++) {
            assertEquals(grad[i], actual[i], 1e-12, c.get("id") + " gradient element " + i);
            assertTrue(Double.isFinite(actual[i]));
        }
    }

    /** {@code key=value} pairs as a config map: true/false as booleans, numbers as doubles. */
    private static Map<String, Object> config(String spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String kv : spec.trim().split(" ")) {
            String[] p = kv.split("=", 2);
            Object v = p[1].equals("true") || p[1].equals("false") ? (Object) Boolean.valueOf(p[1])
                    : p[1].matches("-?[0-9.]+(e-?[0-9]+)?") ? (Object) Double.valueOf(p[1]) : p[1];
            m.put(p[0], v);
        }
        return m;
    }

    /** {@code "d0 d1 ... : v0 v1 ..."} as a float64 tensor. */
    private static Tensor tensor(String line) {
        String[] parts = line.split(":");
        int[] shape = Arrays.stream(parts[0].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        double[] values = Arrays.stream(parts[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        return Tensor.of(values, shape);
    }

    private static List<Map<String, String>> cases() throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (InputStream in = TorchReferenceTest.class.getResourceAsStream("torch_losses.txt")) {
            Map<String, String> current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] head = line.split(" ", 2);
                if (head[0].equals("case")) {
                    String[] idAndSpec = head[1].split(" ", 2);
                    current = new HashMap<>();
                    current.put("id", idAndSpec[0]);
                    current.put("spec", idAndSpec[1]);
                } else if (head[0].equals("end")) {
                    out.add(current);
                } else if (!line.isBlank()) {
                    current.put(head[0], head[1]);
                }
            }
        }
        return out;
    }
}
