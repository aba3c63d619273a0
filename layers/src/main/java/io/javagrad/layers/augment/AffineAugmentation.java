package io.javagrad.layers.augment;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import org.joml.Matrix3x2d;

/**
 * Random geometric augmentation of NCHW images: each image gets a random flip, zoom, rotation and shift, composed
 * into one affine map, and is resampled through it once (bilinear by default, constant 0 fill by default).
 *
 * <p>The content is flipped, zoomed and rotated about the image centre, then shifted. The map is built the
 * other way round, from output pixel to input position, as {@code T(c) S R T(-c - d)} with JOML:
 * <ul>
 *   <li>zoom (Keras's convention): a factor {@code f} samples the input {@code 1 + f} times as wide, so positive
 *       factors zoom out and negative ones zoom in; factors lie in [-1, 1];</li>
 *   <li>rotation in degrees, positive counter-clockwise as seen on screen (Keras's sense);</li>
 *   <li>shifts as fractions of the height and width in [-1, 1], positive down and right;</li>
 *   <li>each enabled flip happens with probability 1/2.</li>
 * </ul>
 * Pixel centres sit at whole coordinates and the centre is {@code ((w - 1) / 2, (h - 1) / 2)}, so whole-pixel
 * shifts, quarter turns of square images and flips move pixels exactly. Sines and cosines use {@link StrictMath}:
 * the same generator state gives bit-identical images on every platform.
 *
 * <pre>{@code
 * AffineAugmentation aug = AffineAugmentation.builder()
 *         .rotationDegrees(-15, 15).zoom(-0.1, 0.1).shift(-0.1, 0.1, -0.1, 0.1).flips(true, false)
 *         .fillMode(FillMode.REFLECT).build();
 * }</pre>
 */
public final class AffineAugmentation implements Augmentation {
    private static final String OWNER = "AffineAugmentation";
    private static final Range NONE = Range.of(OWNER, "none", 0, 0);

    private final Range rotationDegrees;
    private final Range zoomHeight;
    private final Range zoomWidth;
    private final Range shiftHeight;
    private final Range shiftWidth;
    private final boolean flipHorizontal;
    private final boolean flipVertical;
    private final FillMode fillMode;
    private final double fillValue;
    private final Interpolation interpolation;

    private AffineAugmentation(Builder b) {
        this.rotationDegrees = b.rotationDegrees;
        this.zoomHeight = b.zoomHeight;
        this.zoomWidth = b.zoomWidth;
        this.shiftHeight = b.shiftHeight;
        this.shiftWidth = b.shiftWidth;
        this.flipHorizontal = b.flipHorizontal;
        this.flipVertical = b.flipVertical;
        this.fillMode = b.fillMode;
        this.fillValue = b.fillValue;
        this.interpolation = b.interpolation;
    }

    /** A builder whose every setting starts as the identity (no rotation, zoom, shift or flip). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this augmentation's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rotationDegrees = rotationDegrees;
        b.zoomHeight = zoomHeight;
        b.zoomWidth = zoomWidth;
        b.shiftHeight = shiftHeight;
        b.shiftWidth = shiftWidth;
        b.flipHorizontal = flipHorizontal;
        b.flipVertical = flipVertical;
        b.fillMode = fillMode;
        b.fillValue = fillValue;
        b.interpolation = interpolation;
        return b;
    }

    @Override
    public Tensor apply(Tensor images, Rng rng) {
        Images.requireBatch(OWNER, images);
        int n = images.shape(0);
        double[] matrices = new double[6 * n];
        for (int i = 0; i < n; i++) {
            sample(rng, images.shape(2), images.shape(3)).get(matrices, 6 * i);
        }
        return ImageWarp.warp(images, matrices, fillMode, fillValue, interpolation);
    }

    /**
     * Draws one image's map from output pixel {@code (x, y)} to input position, for an image of {@code height} by
     * {@code width} pixels. Draws, in order: the rotation, the height zoom, the width zoom (when set apart), the
     * vertical and horizontal shifts, then one draw per enabled flip.
     */
    public Matrix3x2d sample(Rng rng, int height, int width) {
        double angle = StrictMath.toRadians(rotationDegrees.sample(rng));
        double zoomY = 1 + zoomHeight.sample(rng);
        double zoomX = zoomWidth == null ? zoomY : 1 + zoomWidth.sample(rng);
        double dy = shiftHeight.sample(rng) * height;
        double dx = shiftWidth.sample(rng) * width;
        double scaleX = flipHorizontal && rng.nextDouble() < 0.5 ? -zoomX : zoomX;
        double scaleY = flipVertical && rng.nextDouble() < 0.5 ? -zoomY : zoomY;
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        Matrix3x2d rotation = new Matrix3x2d(cos, sin, -sin, cos, 0, 0);
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        return new Matrix3x2d().translation(cx, cy).scale(scaleX, scaleY).mul(rotation).translate(-cx - dx, -cy - dy);
    }

    /** The rotation range in degrees. */
    public Range rotationDegrees() {
        return rotationDegrees;
    }

    /** The zoom factor range of the height (of both axes when {@link #zoomWidth()} is {@code null}). */
    public Range zoomHeight() {
        return zoomHeight;
    }

    /** The zoom factor range of the width, or {@code null}: one draw zooms both axes, keeping the aspect ratio. */
    public Range zoomWidth() {
        return zoomWidth;
    }

    /** The vertical shift range, as a fraction of the height. */
    public Range shiftHeight() {
        return shiftHeight;
    }

    /** The horizontal shift range, as a fraction of the width. */
    public Range shiftWidth() {
        return shiftWidth;
    }

    /** Whether images are flipped left-right with probability 1/2. */
    public boolean flipHorizontal() {
        return flipHorizontal;
    }

    /** Whether images are flipped upside down with probability 1/2. */
    public boolean flipVertical() {
        return flipVertical;
    }

    /** How pixels from outside the input are filled. */
    public FillMode fillMode() {
        return fillMode;
    }

    /** The value of the {@link FillMode#CONSTANT} fill. */
    public double fillValue() {
        return fillValue;
    }

    /** How the input is read between pixels. */
    public Interpolation interpolation() {
        return interpolation;
    }

    /** Settings of an {@link AffineAugmentation}; each setter checks its arguments at once. */
    public static final class Builder {
        private Range rotationDegrees = NONE;
        private Range zoomHeight = NONE;
        private Range zoomWidth;
        private Range shiftHeight = NONE;
        private Range shiftWidth = NONE;
        private boolean flipHorizontal;
        private boolean flipVertical;
        private FillMode fillMode = FillMode.CONSTANT;
        private double fillValue;
        private Interpolation interpolation = Interpolation.BILINEAR;

        private Builder() {}

        /** Rotations drawn from {@code [lower, upper]} degrees, positive counter-clockwise. */
        public Builder rotationDegrees(double lower, double upper) {
            rotationDegrees = Range.of(OWNER, "rotation", lower, upper);
            return this;
        }

        /** One zoom factor from {@code [lower, upper]} (within [-1, 1]) for both axes, keeping the aspect ratio. */
        public Builder zoom(double lower, double upper) {
            zoomHeight = zoomRange("zoom", lower, upper);
            zoomWidth = null;
            return this;
        }

        /** Independent zoom factors for the height and the width, each range within [-1, 1]. */
        public Builder zoom(double heightLower, double heightUpper, double widthLower, double widthUpper) {
            zoomHeight = zoomRange("height zoom", heightLower, heightUpper);
            zoomWidth = zoomRange("width zoom", widthLower, widthUpper);
            return this;
        }

        private static Range zoomRange(String what, double lower, double upper) {
            return Range.of(OWNER, what, lower, upper).requireWithin(OWNER, what, -1, 1);
        }

        /** Shifts as fractions of the height (positive down) and of the width (positive right), within [-1, 1]. */
        public Builder shift(double heightLower, double heightUpper, double widthLower, double widthUpper) {
            shiftHeight = Range.of(OWNER, "height shift", heightLower, heightUpper)
                    .requireWithin(OWNER, "height shift", -1, 1);
            shiftWidth = Range.of(OWNER, "width shift", widthLower, widthUpper)
                    .requireWithin(OWNER, "width shift", -1, 1);
            return this;
        }

        /** Which random flips (each with probability 1/2) are enabled. */
        public Builder flips(boolean horizontal, boolean vertical) {
            flipHorizontal = horizontal;
            flipVertical = vertical;
            return this;
        }

        /** How pixels from outside the input are filled. */
        public Builder fillMode(FillMode mode) {
            if (mode == null) {
                throw new IllegalArgumentException(OWNER + ": fill mode must not be null");
            }
            fillMode = mode;
            return this;
        }

        /** The value of the {@link FillMode#CONSTANT} fill (finite). */
        public Builder fillValue(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(OWNER + ": fill value must be finite, got " + value);
            }
            fillValue = value;
            return this;
        }

        /** How the input is read between pixels. */
        public Builder interpolation(Interpolation mode) {
            if (mode == null) {
                throw new IllegalArgumentException(OWNER + ": interpolation must not be null");
            }
            interpolation = mode;
            return this;
        }

        /** The augmentation. */
        public AffineAugmentation build() {
            return new AffineAugmentation(this);
        }
    }
}
