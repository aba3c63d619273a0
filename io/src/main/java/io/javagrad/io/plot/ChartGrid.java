package io.javagrad.io.plot;

import java.awt.Graphics2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

/**
 * Several charts of one size laid out in a grid (at most {@value #COLUMNS} per row) and painted as one chart, so
 * that XChart's PNG and SVG encoders write them into a single file.
 */
final class ChartGrid extends Chart<XYStyler, XYSeries> {
    static final int COLUMNS = 3;

    private final List<? extends Chart<?, ?>> charts;
    private final int cellWidth;
    private final int cellHeight;

    private ChartGrid(List<? extends Chart<?, ?>> charts) {
        super(columns(charts.size()) * charts.get(0).getWidth(), rows(charts.size()) * charts.get(0).getHeight(),
                new XYStyler());
        this.charts = charts;
        this.cellWidth = charts.get(0).getWidth();
        this.cellHeight = charts.get(0).getHeight();
    }

    private static int columns(int n) {
        return Math.min(n, COLUMNS);
    }

    private static int rows(int n) {
        return (n + COLUMNS - 1) / COLUMNS;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create((i % COLUMNS) * cellWidth, (i / COLUMNS) * cellHeight,
                    cellWidth, cellHeight);
            try {
                charts.get(i).paint(cell, cellWidth, cellHeight);
            } finally {
                cell.dispose();
            }
        }
    }

    /**
     * Writes {@code charts} (at least one, all of the first one's size) side by side into {@code file}: PNG or SVG
     * by its extension ({@code .png}, {@code .svg}). Creates the parent folders, writes a temporary file and renames
     * it, and draws without a display ({@code java.awt.headless} is set to true unless it was set).
     */
    static void write(List<? extends Chart<?, ?>> charts, Path file, String caller) throws IOException {
        boolean svg = isSvg(file, caller);
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ChartGrid grid = new ChartGrid(charts);
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                if (svg) {
                    VectorGraphicsEncoder.saveVectorGraphic(grid, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                } else {
                    BitmapEncoder.saveBitmap(grid, out, BitmapEncoder.BitmapFormat.PNG);
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isSvg(Path file, String caller) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException(caller + ": the file name must end in .png or .svg, got " + file);
        }
        return name.endsWith(".svg");
    }
}
