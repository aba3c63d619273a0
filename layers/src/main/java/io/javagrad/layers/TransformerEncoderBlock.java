package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A post-norm Transformer encoder block on {@code [B, T, dModel]} inputs:
 * <pre>{@code
 * x = LayerNorm(x + Dropout(MultiHeadAttention(x, x, x)))
 * x = LayerNorm(x + Dropout(Dense(dModel)(Dense(intermediateDim, activation)(x))))
 * }</pre>
 * Each head has {@code dModel / numHeads} dimensions. Sublayers, created on first call: {@code self_attention},
 * {@code self_attention_dropout}, {@code self_attention_norm}, {@code ffn_intermediate}, {@code ffn_output},
 * {@code ffn_dropout}, {@code ffn_norm}.
 */
public final class TransformerEncoderBlock extends Layer {
    private final int dModel;
    private final int numHeads;
    private final int intermediateDim;
    private double dropout;
    private String activation = "relu";
    private double layerNormEpsilon = 1e-5;
    private boolean causal;
    private MultiHeadAttention attention;
    private Dropout attentionDropout;
    private LayerNorm attentionNorm;
    private Dense intermediate;
    private Dense projection;
    private Dropout ffnDropout;
    private LayerNorm ffnNorm;

    /** A block of width {@code dModel} (divisible by {@code numHeads}) with a feed-forward of {@code intermediateDim}. */
    public TransformerEncoderBlock(int dModel, int numHeads, int intermediateDim) {
        super(null);
        if (dModel <= 0 || numHeads <= 0 || intermediateDim <= 0 || dModel % numHeads != 0) {
            throw new IllegalArgumentException("TransformerEncoderBlock: d_model, num_heads and intermediate_dim must be"
                    + " positive and d_model divisible by num_heads, got " + dModel + ", " + numHeads + ", "
                    + intermediateDim);
        }
        this.dModel = dModel;
        this.numHeads = numHeads;
        this.intermediateDim = intermediateDim;
    }

    /** The dropout rate after attention, on the attention weights and after the feed-forward; returns this layer. */
    public TransformerEncoderBlock dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(describe() + ": dropout must be in [0, 1), got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** The feed-forward activation, e.g. {@code "relu"} (default) or {@code "gelu"}; returns this layer. */
    public TransformerEncoderBlock activation(String name) {
        requireNotBuilt("activation");
        this.activation = ActivationFunction.of(name).name();
        return this;
    }

    /** The layer norms' epsilon (default 1e-5); returns this layer. */
    public TransformerEncoderBlock layerNormEpsilon(double epsilon) {
        requireNotBuilt("layer_norm_epsilon");
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException(describe() + ": layer_norm_epsilon must be > 0, got " + epsilon);
        }
        this.layerNormEpsilon = epsilon;
        return this;
    }

    /** Whether each position attends only to itself and earlier positions; returns this layer. */
    public TransformerEncoderBlock causal(boolean use) {
        requireNotBuilt("use_causal_mask");
        this.causal = use;
        return this;
    }

    /** The attention sublayer, once built (for its {@link MultiHeadAttention#lastAttentionWeights()}). */
    public MultiHeadAttention attention() {
        return attention;
    }

    @Override
    protected void build(int[] inputShape, DType dtype) {
        checkInput(inputShape);
        attention = part(new MultiHeadAttention(numHeads, dModel / numHeads).dropout(dropout).useCausalMask(causal),
                "self_attention");
        attentionDropout = part(new Dropout(dropout), "self_attention_dropout");
        attentionNorm = part(new LayerNorm().epsilon(layerNormEpsilon), "self_attention_norm");
        intermediate = part(new Dense(intermediateDim).activation(activation), "ffn_intermediate");
        projection = part(new Dense(dModel), "ffn_output");
        ffnDropout = part(new Dropout(dropout), "ffn_dropout");
        ffnNorm = part(new LayerNorm().epsilon(layerNormEpsilon), "ffn_norm");
    }

    private <L extends Layer> L part(L layer, String partName) {
        layer.setName(partName);
        return addSublayer(layer);
    }

    private void checkInput(int[] shape) {
        if (shape.length != 3 || shape[2] != dModel) {
            throw new IllegalArgumentException(describe() + ": expected an input [B, T, " + dModel + "], got shape "
                    + Shapes.str(shape));
        }
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        checkInput(input.shape());
        Tensor attended = attention.call(List.of(input), training);
        Tensor x = attentionNorm.call(input.add(attentionDropout.call(attended, training)), training);
        Tensor ffn = projection.call(intermediate.call(x, training), training);
        return ffnNorm.call(x.add(ffnDropout.call(ffn, training)), training);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("d_model", dModel);
        c.put("num_heads", numHeads);
        c.put("intermediate_dim", intermediateDim);
        c.put("dropout", dropout);
        c.put("activation", activation);
        c.put("layer_norm_epsilon", layerNormEpsilon);
        c.put("use_causal_mask", causal);
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static TransformerEncoderBlock fromConfig(Map<String, Object> config) {
        String what = "TransformerEncoderBlock config";
        TransformerEncoderBlock t = new TransformerEncoderBlock(Configs.integer(config, "d_model", what),
                Configs.integer(config, "num_heads", what), Configs.integer(config, "intermediate_dim", what))
                .dropout(Configs.number(config, "dropout", 0))
                .activation(Configs.string(config, "activation", what, "relu"))
                .layerNormEpsilon(Configs.number(config, "layer_norm_epsilon", 1e-5))
                .causal(Configs.bool(config, "use_causal_mask", false));
        t.applyBaseConfig(config);
        return t;
    }
}
