package io.javagrad.layers;

import io.javagrad.core.Autograd;
import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Batch normalization (Keras's {@code BatchNormalization}) over the channel axis, 1 by default for NCHW
 * {@code [N, C, H, W]} and {@code [N, C]} inputs: {@code gamma * (x - mean) / sqrt(var + epsilon) + beta}.
 *
 * <p>In training the mean and variance are those of the batch (over every axis but the channel axis), and the
 * moving statistics are updated as Keras does: {@code moving = momentum * moving + (1 - momentum) * batch}.
 * Keras normalises with the biased batch variance and also feeds the biased variance into
 * {@code moving_variance} (PyTorch would feed the unbiased one); so does this layer. At inference the moving
 * statistics are used. A frozen layer ({@code setTrainable(false)}) runs in inference mode even in training and
 * never updates its statistics (Keras 2's rule, which fine-tuning relies on).
 *
 * <p>Weights, in Keras's order: {@code gamma} (if scale), {@code beta} (if center), {@code moving_mean},
 * {@code moving_variance} (the last two non-trainable).
 */
public final class BatchNorm extends Layer {
    private int axis = 1;
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private int[] builtShape;
    private int channelAxis;
    private Weight gamma;
    private Weight beta;
    private Weight movingMean;
    private Weight movingVariance;

    /** Keras's defaults, with the channel axis 1 (NCHW). */
    public BatchNorm() {
        super(null);
    }

    @Override
    public String className() {
        return "BatchNormalization";
    }

    /** The channel axis (negative counts from the end); returns this layer. */
    public BatchNorm axis(int channel) {
        requireNotBuilt("axis");
        this.axis = channel;
        return this;
    }

    /** The moving-average momentum in [0, 1] (default 0.99); returns this layer. */
    public BatchNorm momentum(double m) {
        if (!(m >= 0 && m <= 1)) {
            throw new IllegalArgumentException(describe() + ": momentum must be in [0, 1], got " + m);
        }
        this.momentum = m;
        return this;
    }

    /** The variance offset, > 0 (default 1e-3); returns this layer. */
    public BatchNorm epsilon(double e) {
        if (!(e > 0)) {
            throw new IllegalArgumentException(describe() + ": epsilon must be > 0, got " + e);
        }
        this.epsilon = e;
        return this;
    }

    /** Whether to add {@code beta} (default true); returns this layer. */
    public BatchNorm center(boolean c) {
        requireNotBuilt("center");
        this.center = c;
        return this;
    }

    /** Whether to multiply by {@code gamma} (default true); returns this layer. */
    public BatchNorm scale(boolean s) {
        requireNotBuilt("scale");
        this.scale = s;
        return this;
    }

    /** Initializers of beta, gamma, moving mean and moving variance (null keeps one); returns this layer. */
    public BatchNorm initializers(Initializer betaInit, Initializer gammaInit, Initializer movingMeanInit,
                                  Initializer movingVarianceInit) {
        requireNotBuilt("initializers");
        betaInitializer = betaInit == null ? betaInitializer : betaInit;
        gammaInitializer = gammaInit == null ? gammaInitializer : gammaInit;
        movingMeanInitializer = movingMeanInit == null ? movingMeanInitializer : movingMeanInit;
        movingVarianceInitializer = movingVarianceInit == null ? movingVarianceInitializer : movingVarianceInit;
        return this;
    }

    /** Penalties on beta and gamma (either may be null); returns this layer. */
    public BatchNorm regularizers(Regularizer betaReg, Regularizer gammaReg) {
        requireNotBuilt("regularizers");
        this.betaRegularizer = betaReg;
        this.gammaRegularizer = gammaReg;
        return this;
    }

    /** The moving mean {@code [C]}, once built. */
    public Weight movingMean() {
        return movingMean;
    }

    /** The moving variance {@code [C]}, once built. */
    public Weight movingVariance() {
        return movingVariance;
    }

    @Override
    protected void build(int[] inputShape, DType dtype) {
        if (inputShape.length < 2 || axis >= inputShape.length || axis < -inputShape.length) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " does not fit input shape "
                    + Shapes.str(inputShape) + " (need rank >= 2)");
        }
        builtShape = inputShape.clone();
        channelAxis = axis < 0 ? axis + inputShape.length : axis;
        int[] c = {inputShape[channelAxis]};
        if (scale) {
            gamma = addWeight("gamma", c, c[0], c[0], gammaInitializer, true, gammaRegularizer, dtype);
        }
        if (center) {
            beta = addWeight("beta", c, c[0], c[0], betaInitializer, true, betaRegularizer, dtype);
        }
        movingMean = addWeight("moving_mean", c, c[0], c[0], movingMeanInitializer, false, null, dtype);
        movingVariance = addWeight("moving_variance", c, c[0], c[0], movingVarianceInitializer, false, null, dtype);
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != builtShape.length || shape[channelAxis] != builtShape[channelAxis]) {
            throw new IllegalArgumentException(describe() + ": expected a rank-" + builtShape.length + " input with "
                    + builtShape[channelAxis] + " channels on axis " + channelAxis + ", got shape " + Shapes.str(shape));
        }
        int[] reduce = new int[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) {
            if (i != channelAxis) {
                reduce[k++] = i;
            }
        }
        int[] perChannel = Normalization.broadcastShape(shape, new int[] {channelAxis});
        Tensor mean;
        Tensor variance;
        if (training && isTrainable()) {
            Tensor[] m = Normalization.moments(input, reduce);
            mean = m[0];
            variance = m[1];
            updateMovingStatistics(mean, variance);
        } else {
            mean = movingMean.value().reshape(perChannel);
            variance = movingVariance.value().reshape(perChannel);
        }
        return Normalization.normalize(input, mean, variance, epsilon,
                gamma == null ? null : gamma.value().reshape(perChannel),
                beta == null ? null : beta.value().reshape(perChannel));
    }

    private void updateMovingStatistics(Tensor batchMean, Tensor batchVariance) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            int[] c = movingMean.value().shape();
            movingMean.assign(movingMean.value().mul(momentum).add(batchMean.reshape(c).mul(1 - momentum)));
            movingVariance.assign(movingVariance.value().mul(momentum).add(batchVariance.reshape(c).mul(1 - momentum)));
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Initializers.toConfig(betaInitializer));
        c.put("gamma_initializer", Initializers.toConfig(gammaInitializer));
        c.put("moving_mean_initializer", Initializers.toConfig(movingMeanInitializer));
        c.put("moving_variance_initializer", Initializers.toConfig(movingVarianceInitializer));
        c.put("beta_regularizer", Regularizers.toConfig(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.toConfig(gammaRegularizer));
        return c;
    }

    /** Rebuilds the layer from its config; {@code axis} may be a number or a one-element list (Keras 2). */
    public static BatchNorm fromConfig(Map<String, Object> config) {
        String what = "BatchNormalization config";
        BatchNorm b = new BatchNorm();
        if (config.get("axis") != null) {
            int[] axes = Configs.ints(config, "axis", what, 1);
            if (axes.length != 1) {
                throw new IllegalArgumentException(what + ": exactly one axis is supported, got " + config.get("axis"));
            }
            b.axis(axes[0]);
        }
        b.momentum(Configs.number(config, "momentum", 0.99))
                .epsilon(Configs.number(config, "epsilon", 1e-3))
                .center(Configs.bool(config, "center", true))
                .scale(Configs.bool(config, "scale", true))
                .initializers(Initializers.fromConfig(config.get("beta_initializer"), null),
                        Initializers.fromConfig(config.get("gamma_initializer"), null),
                        Initializers.fromConfig(config.get("moving_mean_initializer"), null),
                        Initializers.fromConfig(config.get("moving_variance_initializer"), null))
                .regularizers(Regularizers.fromConfig(config.get("beta_regularizer")),
                        Regularizers.fromConfig(config.get("gamma_regularizer")));
        b.applyBaseConfig(config);
        return b;
    }
}
