package io.javagrad.examples;

import io.javagrad.core.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Grey-scale images {@code [N, 1, H, W]} with values in [0, 1] drawn side by side into one PNG, without a display. */
final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {}

    /**
     * Writes the images row by row, {@code columns} per row, each pixel as a {@code scale x scale} square, white
     * ink on black with a grey gap between images.
     */
    static void savePng(Tensor images, int columns, int scale, Path file) throws IOException {
        int[] s = images.shape();
        if (s.length != 4 || s[1] != 1 || columns <= 0 || scale <= 0) {
            throw new IllegalArgumentException("ImageGrid: expected images [N, 1, H, W] and positive columns and scale,"
                    + " got shape " + Arrays.toString(s) + ", columns " + columns + ", scale " + scale);
        }
        int n = s[0];
        int h = s[2];
        int w = s[3];
        int rows = (n + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * (w * scale + GAP) + GAP, rows * (h * scale + GAP) + GAP,
                BufferedImage.TYPE_BYTE_GRAY);
        var raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                raster.setSample(x, y, 0, 96);
            }
        }
        float[] v = images.toFloatArray();
        for (int i = 0; i < n; i++) {
            int left = GAP + (i % columns) * (w * scale + GAP);
            int top = GAP + (i / columns) * (h * scale + GAP);
            for (int y = 0; y < h * scale; y++) {
                for (int x = 0; x < w * scale; x++) {
                    float p = v[(i * h + y / scale) * w + x / scale];
                    raster.setSample(left + x, top + y, 0, Math.round(255 * Math.max(0, Math.min(1, p))));
                }
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
