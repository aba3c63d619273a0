package io.javagrad.core.kernels;

/**
 * Sizes of one grouped 2-d convolution on contiguous NCHW data: input {@code [batch, inChannels, inH, inW]},
 * weight {@code [outChannels, inChannels / groups, kH, kW]}, output {@code [batch, outChannels, outH, outW]};
 * {@code patches} holds the spatial part. The caller has validated that {@code groups} divides both channel counts.
 */
public record ConvGeometry(int batch, int inChannels, int outChannels, int groups, Patches patches) {

    /** Input channels per group. */
    int groupIn() {
        return inChannels / groups;
    }

    /** Output channels per group. */
    int groupOut() {
        return outChannels / groups;
    }

    /** Rows of a group's column matrix, and the length of a weight row: {@code groupIn * kH * kW}. */
    int colRows() {
        return groupIn() * patches.kernelSize();
    }

    /** Offset of group {@code g} of image {@code n} in the input. */
    int inputOffset(int n, int g) {
        return (n * inChannels + g * groupIn()) * patches.inputPlane();
    }

    /** Offset of group {@code g} of image {@code n} in the output. */
    int outputOffset(int n, int g) {
        return (n * outChannels + g * groupOut()) * patches.positions();
    }

    /** Multiply-adds of one pass (forward, input gradient or weight gradient) over the whole batch. */
    long work() {
        return (long) batch * outChannels * colRows() * patches.positions();
    }

    /** Offset of group {@code g}'s rows in the weight. */
    int weightOffset(int g) {
        return g * groupOut() * colRows();
    }
}
