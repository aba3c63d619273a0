package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Layer normalization (Keras's {@code LayerNormalization}): each sample is normalised over {@code axes} (the last
 * axis by default) with its own mean and biased variance, then scaled by {@code gamma} and shifted by
 * {@code beta}, whose shape is the input's sizes on those axes. The same computation in training and inference.
 */
public final class LayerNorm extends Layer {
    private final int[] axes;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private int[] builtShape;
    private int[] normalizedAxes;
    private Weight gamma;
    private Weight beta;

    /** Normalises over the last axis. */
    public LayerNorm() {
        this(-1);
    }

    /** Normalises over {@code axes} (negative counts from the end; the batch axis 0 is not allowed). */
    public LayerNorm(int... axes) {
        super(null);
        if (axes.length == 0 || Arrays.stream(axes).distinct().count() != axes.length) {
            throw new IllegalArgumentException("LayerNormalization: axes must be distinct and not empty, got "
                    + Arrays.toString(axes));
        }
        this.axes = axes.clone();
    }

    @Override
    public String className() {
        return "LayerNormalization";
    }

    /** The variance offset, > 0 (default 1e-3 as in Keras); returns this layer. */
    public LayerNorm epsilon(double e) {
        if (!(e > 0)) {
            throw new IllegalArgumentException(describe() + ": epsilon must be > 0, got " + e);
        }
        this.epsilon = e;
        return this;
    }

    /** Whether to add {@code beta} (default true); returns this layer. */
    public LayerNorm center(boolean c) {
        requireNotBuilt("center");
        this.center = c;
        return this;
    }

    /** Whether to multiply by {@code gamma} (default true); returns this layer. */
    public LayerNorm scale(boolean s) {
        requireNotBuilt("scale");
        this.scale = s;
        return this;
    }

    /** Initializers of beta and gamma (null keeps one); returns this layer. */
    public LayerNorm initializers(Initializer betaInit, Initializer gammaInit) {
        requireNotBuilt("initializers");
        betaInitializer = betaInit == null ? betaInitializer : betaInit;
        gammaInitializer = gammaInit == null ? gammaInitializer : gammaInit;
        return this;
    }

    /** Penalties on beta and gamma (either may be null); returns this layer. */
    public LayerNorm regularizers(Regularizer betaReg, Regularizer gammaReg) {
        requireNotBuilt("regularizers");
        this.betaRegularizer = betaReg;
        this.gammaRegularizer = gammaReg;
        return this;
    }

    @Override
    protected void build(int[] inputShape, DType dtype) {
        normalizedAxes = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + inputShape.length : axes[i];
            if (a <= 0 || a >= inputShape.length) {
                throw new IllegalArgumentException(describe() + ": axis " + axes[i] + " does not fit input shape "
                        + Shapes.str(inputShape) + " (the batch axis cannot be normalised)");
            }
            normalizedAxes[i] = a;
        }
        Arrays.sort(normalizedAxes);
        builtShape = inputShape.clone();
        int[] paramShape = new int[normalizedAxes.length];
        for (int i = 0; i < paramShape.length; i++) {
            paramShape[i] = inputShape[normalizedAxes[i]];
        }
        int n = Shapes.numel(paramShape);
        if (scale) {
            gamma = addWeight("gamma", paramShape, n, n, gammaInitializer, true, gammaRegularizer, dtype);
        }
        if (center) {
            beta = addWeight("beta", paramShape, n, n, betaInitializer, true, betaRegularizer, dtype);
        }
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        int[] shape = input.shape();
        boolean fits = shape.length == builtShape.length;
        for (int a : normalizedAxes) {
            fits = fits && shape[a] == builtShape[a];
        }
        if (!fits) {
            throw new IllegalArgumentException(describe() + ": expected an input like " + Shapes.str(builtShape)
                    + " on the normalised axes " + Arrays.toString(normalizedAxes) + ", got shape " + Shapes.str(shape));
        }
        int[] paramShape = Normalization.broadcastShape(shape, normalizedAxes);
        Tensor[] m = Normalization.moments(input, normalizedAxes);
        return Normalization.normalize(input, m[0], m[1], epsilon,
                gamma == null ? null : gamma.value().reshape(paramShape),
                beta == null ? null : beta.value().reshape(paramShape));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axes.length == 1 ? (Object) axes[0] : Configs.list(axes));
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Initializers.toConfig(betaInitializer));
        c.put("gamma_initializer", Initializers.toConfig(gammaInitializer));
        c.put("beta_regularizer", Regularizers.toConfig(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.toConfig(gammaRegularizer));
        return c;
    }

    /** Rebuilds the layer from its config; {@code axis} may be a number or a list. */
    public static LayerNorm fromConfig(Map<String, Object> config) {
        String what = "LayerNormalization config";
        int[] axes = config.get("axis") == null ? new int[] {-1} : Configs.ints(config, "axis", what, 1);
        LayerNorm l = new LayerNorm(axes)
                .epsilon(Configs.number(config, "epsilon", 1e-3))
                .center(Configs.bool(config, "center", true))
                .scale(Configs.bool(config, "scale", true))
                .initializers(Initializers.fromConfig(config.get("beta_initializer"), null),
                        Initializers.fromConfig(config.get("gamma_initializer"), null))
                .regularizers(Regularizers.fromConfig(config.get("beta_regularizer")),
                        Regularizers.fromConfig(config.get("gamma_regularizer")));
        l.applyBaseConfig(config);
        return l;
    }
}
