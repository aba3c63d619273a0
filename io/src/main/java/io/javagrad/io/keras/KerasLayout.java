package io.javagrad.io.keras;

/**
 * How a tensor of an imported model differs from the tensor Keras computes at the same place.
 *
 * @param imageChannels when positive: Keras holds an NHWC image with this many channels, the imported model
 *     holds the same values as NCHW
 * @param flattenedChannels when positive: features flattened from such an image; Keras orders them
 *     {@code (h, w, c)} with this many channels, the imported model {@code (c, h, w)}
 */
record KerasLayout(int imageChannels, int flattenedChannels) {
    /** The same tensor as in Keras. */
    static final KerasLayout SAME = new KerasLayout(0, 0);

    /** An NHWC image of Keras held as NCHW. */
    static KerasLayout image(int channels) {
        return new KerasLayout(channels, 0);
    }

    /** Features Keras flattened from an NHWC image of {@code channels} channels, held in NCHW order. */
    static KerasLayout flattened(int channels) {
        return new KerasLayout(0, channels);
    }

    boolean isImage() {
        return imageChannels > 0;
    }

    boolean isFlattened() {
        return flattenedChannels > 0;
    }
}
