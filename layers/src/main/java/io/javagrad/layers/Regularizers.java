package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The weight penalties L1, L2 and L1L2 (Keras's definitions: {@code l1 * sum|w|}, {@code l2 * sum w^2}). */
public final class Regularizers {
    private Regularizers() {}

    /** {@code l1 * sum(|w|)}. */
    public static Regularizer l1(double l1) {
        return l1l2(l1, 0);
    }

    /** {@code l2 * sum(w^2)}. */
    public static Regularizer l2(double l2) {
        return l1l2(0, l2);
    }

    /** {@code l1 * sum(|w|) + l2 * sum(w^2)}. */
    public static Regularizer l1l2(double l1, double l2) {
        if (l1 < 0 || l2 < 0 || Double.isNaN(l1) || Double.isNaN(l2)) {
            throw new IllegalArgumentException("regularizer factors must be >= 0, got l1=" + l1 + ", l2=" + l2);
        }
        return new L1L2(l1, l2);
    }

    private record L1L2(double l1, double l2) implements Regularizer {
        @Override
        public Tensor penalty(Tensor w) {
            Tensor p = null;
            if (l1 > 0) {
                p = w.abs().sum().mul(l1);
            }
            if (l2 > 0) {
                Tensor q = w.square().sum().mul(l2);
                p = p == null ? q : p.add(q);
            }
            return p == null ? Tensor.zeros(w.dtype()) : p;
        }

        @Override
        public String className() {
            return l1 > 0 && l2 > 0 ? "L1L2" : l1 > 0 ? "L1" : "L2";
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            if (l1 > 0 || l2 == 0) {
                c.put("l1", l1);
            }
            if (l2 > 0) {
                c.put("l2", l2);
            }
            return c;
        }
    }

    /** Keras's nested form {@code {"class_name": ..., "config": {...}}}, or {@code null}. */
    public static Map<String, Object> toConfig(Regularizer r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", r.className());
        m.put("config", r.getConfig());
        return m;
    }

    /** Reads the nested form written by {@link #toConfig}; {@code null} gives {@code null}. */
    public static Regularizer fromConfig(Object config) {
        if (config == null) {
            return null;
        }
        Map<?, ?> m = Configs.map(config, "regularizer");
        String cls = Configs.string(m, "class_name", "regularizer");
        Map<?, ?> c = m.get("config") == null ? Map.of() : Configs.map(m.get("config"), "regularizer config");
        double l1 = Configs.number(c, "l1", 0.0);
        double l2 = Configs.number(c, "l2", 0.0);
        switch (cls) {
            case "L1", "l1":
                return l1(l1);
            case "L2", "l2":
                return l2(l2);
            case "L1L2", "l1_l2":
                return l1l2(l1, l2);
            default:
                throw new IllegalArgumentException("unknown regularizer class '" + cls + "'; known: L1, L2, L1L2");
        }
    }
}
