package io.javagrad.optim;

import io.javagrad.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One PyTorch reference trajectory written by fixtures/make_optim_fixtures.py (format described there). */
final class Fixture {
    static final int STEPS = 5;

    final Map<String, Object> config = new LinkedHashMap<>();
    LearningRateSchedule schedule;
    final List<int[]> shapes = new ArrayList<>();
    final List<float[]> init = new ArrayList<>();
    /** grads[step - 1][param], null where the reference had no gradient. */
    final float[][][] grads = new float[STEPS][][];
    /** after[step - 1][param]. */
    final float[][][] after = new float[STEPS][][];

    static Fixture load(String name) {
        Fixture f = new Fixture();
        try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    f.parse(line.trim().split(" "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private void parse(String[] w) {
        switch (w[0]) {
            case "config" -> {
                for (int i = 1; i < w.length; i++) {
                    String[] kv = w[i].split("=", 2);
                    config.put(kv[0], value(kv[1]));
                }
            }
            case "schedule" -> schedule = new CosineDecay(Double.parseDouble(w[2]), (int) Double.parseDouble(w[3]),
                    (int) Double.parseDouble(w[4]), Double.parseDouble(w[5]));
            case "param" -> shapes.add(Arrays.stream(w[2].split(",")).mapToInt(Integer::parseInt).toArray());
            case "init" -> init.add(floats(w, 2));
            case "grad" -> slot(grads, w)[Integer.parseInt(w[2])] = w[3].equals("none") ? null : floats(w, 3);
            case "after" -> slot(after, w)[Integer.parseInt(w[2])] = floats(w, 3);
            default -> throw new IllegalStateException("bad fixture line: " + String.join(" ", w));
        }
    }

    private float[][] slot(float[][][] table, String[] w) {
        int step = Integer.parseInt(w[1]);
        if (table[step - 1] == null) {
            table[step - 1] = new float[shapes.size()][];
        }
        return table[step - 1];
    }

    private static Object value(String s) {
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static float[] floats(String[] w, int from) {
        float[] out = new float[w.length - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(w[from + i]);
        }
        return out;
    }

    /** Fresh float32 parameters at the initial values. */
    List<Tensor> newParameters() {
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            params.add(Tensor.of(init.get(i), shapes.get(i)).requiresGrad(true));
        }
        return params;
    }

    /** Sets the gradients of {@code step} (1-based), applies the schedule if any, and steps. */
    void step(Optimizer optimizer, List<Tensor> params, int step) {
        for (int i = 0; i < params.size(); i++) {
            float[] g = grads[step - 1][i];
            params.get(i).setGrad(g == null ? null : Tensor.of(g, shapes.get(i)));
        }
        if (schedule != null) {
            schedule.apply(optimizer, optimizer.stepCount());
        }
        optimizer.step();
    }
}
