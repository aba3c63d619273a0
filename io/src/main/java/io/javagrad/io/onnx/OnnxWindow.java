package io.javagrad.io.onnx;

import io.javagrad.core.ConvOptions;
import java.util.Arrays;

/**
 * The sliding-window attributes shared by Conv, MaxPool and AveragePool ({@code strides}, {@code dilations},
 * {@code pads}, {@code auto_pad}, {@code ceil_mode}) and the padding they give for an input size. One or two
 * spatial axes are supported; one axis is run as a 2-D window of height 1.
 */
final class OnnxWindow {
    private final OnnxNode node;
    private final int[] strides;
    private final int[] dilations;
    private final int[] pads;
    private final String autoPad;
    private final boolean ceilMode;

    /** Reads the attributes of {@code node} (a Conv has no {@code ceil_mode}: it reads as 0). */
    OnnxWindow(OnnxNode node) {
        this.node = node;
        this.strides = node.smallIntsAttr("strides");
        this.dilations = node.smallIntsAttr("dilations");
        this.pads = node.smallIntsAttr("pads");
        this.autoPad = node.stringAttr("auto_pad", "NOTSET");
        this.ceilMode = node.intAttr("ceil_mode", 0, 0, 1) == 1;
        if (!Arrays.asList("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID").contains(autoPad)) {
            throw node.error("auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '" + autoPad + "'");
        }
        if (pads != null && !autoPad.equals("NOTSET")) {
            throw node.error("pads and auto_pad '" + autoPad + "' cannot both be given");
        }
    }

    /** The window of {@code kernel} (spatial sizes) over an input whose spatial sizes are {@code in}, lifted to 2-D. */
    Geometry geometry(int[] kernel, int[] in) {
        int n = kernel.length;
        if (n != 1 && n != 2) {
            throw node.error("only 1 or 2 spatial axes are supported, got a window of " + n);
        }
        int[] s = sized("strides", strides, n);
        int[] d = sized("dilations", dilations, n);
        int[] begin = new int[n];
        int[] end = new int[n];
        for (int i = 0; i < n; i++) {
            if (kernel[i] < 1 || s[i] < 1 || d[i] < 1) {
                throw node.error("kernel, strides and dilations must be positive, got " + Arrays.toString(kernel)
                        + ", " + Arrays.toString(s) + ", " + Arrays.toString(d));
            }
            int extent = (kernel[i] - 1) * d[i] + 1;
            if (autoPad.startsWith("SAME")) {
                int[] same = ConvOptions.samePadding(in[i], kernel[i], s[i], d[i]); // the odd one at the end
                boolean upper = autoPad.equals("SAME_UPPER");
                begin[i] = upper ? same[0] : same[1];
                end[i] = upper ? same[1] : same[0];
            } else if (autoPad.equals("NOTSET") && pads != null) {
                if (pads.length != 2 * n) {
                    throw node.error("pads " + Arrays.toString(pads) + " must hold " + 2 * n + " values");
                }
                begin[i] = pads[i];
                end[i] = pads[i + n];
            }
            if (ceilMode && ceilOutput(in[i], begin[i], end[i], extent, s[i]) != floorOutput(in[i], begin[i], end[i], extent, s[i])) {
                throw node.error("ceil_mode=1 is supported only where it gives the floor-mode size; input " + in[i]
                        + ", kernel " + kernel[i] + ", stride " + s[i] + ", pads " + begin[i] + "+" + end[i]);
            }
        }
        return n == 2 ? new Geometry(kernel, s, d, new int[] {begin[0], end[0], begin[1], end[1]})
                : new Geometry(new int[] {1, kernel[0]}, new int[] {1, s[0]}, new int[] {1, d[0]},
                        new int[] {0, 0, begin[0], end[0]});
    }

    /** Whether {@code dilations} is absent or all ones (the pools of the core have no dilation). */
    boolean undilated() {
        return dilations == null || Arrays.stream(dilations).allMatch(v -> v == 1);
    }

    private static int floorOutput(int in, int begin, int end, int extent, int stride) {
        return Math.floorDiv(in + begin + end - extent, stride) + 1;
    }

    /** Ceil mode as ONNX Runtime and PyTorch: a last window that would start in the end padding is dropped. */
    private static int ceilOutput(int in, int begin, int end, int extent, int stride) {
        int out = -Math.floorDiv(-(in + begin + end - extent), stride) + 1;
        return (out - 1) * stride >= in + begin ? out - 1 : out;
    }

    private int[] sized(String name, int[] values, int n) {
        if (values == null) {
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            return ones;
        }
        if (values.length != n) {
            throw node.error(name + " " + Arrays.toString(values) + " must hold " + n + " values");
        }
        return values;
    }

    /** A 2-D window: kernel, stride and dilation as {h, w}, padding as {top, bottom, left, right}. */
    record Geometry(int[] kernel, int[] stride, int[] dilation, int[] padding) {}
}
