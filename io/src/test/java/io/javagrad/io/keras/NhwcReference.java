package io.javagrad.io.keras;

import io.javagrad.core.Tensor;

/**
 * Keras's computations written out for channels-last data and Keras's weight layouts (HWIO kernels, Flatten in
 * {@code (h, w, c)} order), independent of the importer's conversions: the reference an imported model must match.
 */
final class NhwcReference {
    private NhwcReference() {}

    /** Conv2D, stride 1, "valid": x {@code [N, H, W, C]}, kernel {@code [kh, kw, C, F]}, bias {@code [F]}. */
    static Tensor conv2dValid(Tensor x, Tensor kernel, Tensor bias) {
        int[] s = x.shape();
        int[] k = kernel.shape();
        int n = s[0], h = s[1], w = s[2], c = s[3], kh = k[0], kw = k[1], f = k[3];
        int oh = h - kh + 1, ow = w - kw + 1;
        float[] xs = x.toFloatArray(), ks = kernel.toFloatArray(), bs = bias.toFloatArray();
        float[] out = new float[n * oh * ow * f];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < f; o++) {
                        double sum = bs[o];
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                for (int ci = 0; ci < c; ci++) {
                                    sum += (double) xs[((b * h + i + di) * w + j + dj) * c + ci]
                                            * ks[((di * kw + dj) * c + ci) * f + o];
                                }
                            }
                        }
                        out[((b * oh + i) * ow + j) * f + o] = (float) sum;
                    }
                }
            }
        }
        return Tensor.of(out, n, oh, ow, f);
    }

    /** MaxPooling2D with a 2x2 window and stride 2, "valid". */
    static Tensor maxPool2(Tensor x) {
        int[] s = x.shape();
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = h / 2, ow = w / 2;
        float[] xs = x.toFloatArray();
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int ci = 0; ci < c; ci++) {
                        float m = Float.NEGATIVE_INFINITY;
                        for (int d = 0; d < 4; d++) {
                            m = Math.max(m, xs[((b * h + 2 * i + d / 2) * w + 2 * j + d % 2) * c + ci]);
                        }
                        out[((b * oh + i) * ow + j) * c + ci] = m;
                    }
                }
            }
        }
        return Tensor.of(out, n, oh, ow, c);
    }

    /** GlobalAveragePooling2D: {@code [N, H, W, C] -> [N, C]}. */
    static Tensor globalAverage(Tensor x) {
        return x.mean(new int[] {1, 2}, false);
    }

    /** BatchNormalization at inference over the last axis. */
    static Tensor batchNormLastAxis(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double eps) {
        return x.sub(mean).div(variance.add(eps).sqrt()).mul(gamma).add(beta);
    }

    /** Flatten of a contiguous tensor: Keras's {@code (h, w, c)} order for NHWC data. */
    static Tensor flatten(Tensor x) {
        return x.reshape(x.shape(0), x.numel() / x.shape(0));
    }

    /** Dense: {@code x kernel + bias} with a kernel {@code [in, units]}. */
    static Tensor dense(Tensor x, Tensor kernel, Tensor bias) {
        return x.matmul(kernel).add(bias);
    }
}
