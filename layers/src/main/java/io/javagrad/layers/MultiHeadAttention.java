package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multi-head scaled dot-product attention, as Keras's {@code MultiHeadAttention}. Called with a list
 * {@code [query]} (self-attention), {@code [query, value]}, {@code [query, value, key]} or
 * {@code [query, value, key, mask]}, where query is {@code [B, Tq, Dq]}, value {@code [B, Tv, Dv]}, key
 * {@code [B, Tv, Dk]} (the value when absent) and the mask {@code [B, Tq, Tv]} holds 1 where a query position may
 * attend to a key position and 0 where it may not. {@link #useCausalMask} additionally forbids attending to later
 * positions. The output is {@code [B, Tq, outputDim]} (the query's last dimension by default).
 *
 * <pre>{@code
 * attention: softmax(mask(Q K^T / sqrt(keyDim))) V, per head, then the output projection
 * }</pre>
 *
 * <p>Sublayers and weights follow Keras: {@code query/kernel [Dq, heads, keyDim]}, {@code query/bias
 * [heads, keyDim]}, the same for {@code key} and {@code value} (with {@code valueDim}), and
 * {@code attention_output/kernel [heads, valueDim, outputDim]}, {@code attention_output/bias [outputDim]}.
 * In training, dropout is applied to the attention weights. {@link #lastAttentionWeights()} gives the weights of
 * the last call, {@code [B, heads, Tq, Tv]}, before dropout (Keras's {@code attention_scores}).
 */
public final class MultiHeadAttention extends Layer {
    private static final double MASKED = -1e9;
    private final int numHeads;
    private final int keyDim;
    private int valueDim;
    private double dropout;
    private boolean useBias = true;
    private Integer outputDim;
    private boolean causal;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private HeadProjection query;
    private HeadProjection key;
    private HeadProjection value;
    private HeadProjection output;
    private Dropout attentionDropout;
    private Tensor lastWeights;

    /** {@code numHeads} heads projecting queries and keys to {@code keyDim} (and values, unless set otherwise). */
    public MultiHeadAttention(int numHeads, int keyDim) {
        super(null);
        if (numHeads <= 0 || keyDim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: num_heads and key_dim must be positive, got "
                    + numHeads + " and " + keyDim);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
        this.valueDim = keyDim;
    }

    /** The size of each head's value projection (default: keyDim); returns this layer. */
    public MultiHeadAttention valueDim(int dim) {
        requireNotBuilt("value_dim");
        if (dim <= 0) {
            throw new IllegalArgumentException(describe() + ": value_dim must be positive, got " + dim);
        }
        this.valueDim = dim;
        return this;
    }

    /** Dropout rate on the attention weights in training, in [0, 1); returns this layer. */
    public MultiHeadAttention dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(describe() + ": dropout must be in [0, 1), got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** Whether the projections have biases (default true); returns this layer. */
    public MultiHeadAttention useBias(boolean use) {
        requireNotBuilt("use_bias");
        this.useBias = use;
        return this;
    }

    /** The output's last dimension (default: the query's); returns this layer. */
    public MultiHeadAttention outputShape(int dim) {
        requireNotBuilt("output_shape");
        if (dim <= 0) {
            throw new IllegalArgumentException(describe() + ": output_shape must be positive, got " + dim);
        }
        this.outputDim = dim;
        return this;
    }

    /** Whether query position i may only attend to key positions {@code j <= i}; returns this layer. */
    public MultiHeadAttention useCausalMask(boolean use) {
        this.causal = use;
        return this;
    }

    /** The projections' kernel and bias initializers (null keeps one); returns this layer. */
    public MultiHeadAttention initializers(Initializer kernelInit, Initializer biasInit) {
        requireNotBuilt("initializers");
        kernelInitializer = kernelInit == null ? kernelInitializer : kernelInit;
        biasInitializer = biasInit == null ? biasInitializer : biasInit;
        return this;
    }

    /** The attention weights {@code [B, heads, Tq, Tv]} of the last call (before dropout, detached), or null. */
    public Tensor lastAttentionWeights() {
        return lastWeights;
    }

    /** Calls the layer on {@code query}, {@code value} and {@code key} with an optional mask (null: none). */
    public Tensor call(Tensor queryInput, Tensor valueInput, Tensor keyInput, Tensor mask, boolean training) {
        List<Tensor> inputs = new ArrayList<>(List.of(queryInput, valueInput, keyInput));
        if (mask != null) {
            inputs.add(mask);
        }
        return call(inputs, training);
    }

    @Override
    protected void build(List<int[]> inputShapes, DType dtype) {
        checkShapes(inputShapes);
        int queryDim = inputShapes.get(0)[2];
        int out = outputDim == null ? queryDim : outputDim;
        query = addSublayer(new HeadProjection("query", 1, new int[] {numHeads, keyDim}, useBias, kernelInitializer,
                biasInitializer));
        key = addSublayer(new HeadProjection("key", 1, new int[] {numHeads, keyDim}, useBias, kernelInitializer,
                biasInitializer));
        value = addSublayer(new HeadProjection("value", 1, new int[] {numHeads, valueDim}, useBias, kernelInitializer,
                biasInitializer));
        output = addSublayer(new HeadProjection("attention_output", 2, new int[] {out}, useBias, kernelInitializer,
                biasInitializer));
        attentionDropout = addSublayer(new Dropout(dropout));
        attentionDropout.setName("dropout");
    }

    private void checkShapes(List<int[]> shapes) {
        if (shapes.isEmpty() || shapes.size() > 4) {
            throw new IllegalArgumentException(describe() + ": expected [query], [query, value], [query, value, key] or"
                    + " [query, value, key, mask], got " + shapes.size() + " inputs");
        }
        int[] q = shapes.get(0);
        int[] v = shapes.size() > 1 ? shapes.get(1) : q;
        int[] k = shapes.size() > 2 ? shapes.get(2) : v;
        boolean ok = q.length == 3 && v.length == 3 && k.length == 3 && v[0] == q[0] && k[0] == q[0] && k[1] == v[1];
        if (!ok) {
            throw new IllegalArgumentException(describe() + ": expected query [B, Tq, Dq], value [B, Tv, Dv] and key"
                    + " [B, Tv, Dk], got query " + Shapes.str(q) + ", value " + Shapes.str(v) + ", key " + Shapes.str(k));
        }
        if (shapes.size() == 4 && !java.util.Arrays.equals(shapes.get(3), new int[] {q[0], q[1], v[1]})) {
            throw new IllegalArgumentException(describe() + ": expected a mask of shape " + Shapes.str(
                    new int[] {q[0], q[1], v[1]}) + " [B, Tq, Tv], got " + Shapes.str(shapes.get(3)));
        }
    }

    @Override
    protected Tensor forward(List<Tensor> inputs, boolean training) {
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(t.shape());
        }
        checkShapes(shapes);
        Tensor q = inputs.get(0);
        Tensor v = inputs.size() > 1 ? inputs.get(1) : q;
        Tensor k = inputs.size() > 2 ? inputs.get(2) : v;
        // [B, T, heads, dim] -> [B, heads, T, dim]
        Tensor qh = query.call(q, training).permute(0, 2, 1, 3).mul(1 / Math.sqrt(keyDim));
        Tensor kh = key.call(k, training).permute(0, 2, 3, 1);
        Tensor vh = value.call(v, training).permute(0, 2, 1, 3);
        Tensor scores = qh.matmul(kh);
        Tensor allowed = allowedPositions(inputs.size() == 4 ? inputs.get(3) : null, q.shape(1), v.shape(1),
                scores.dtype());
        if (allowed != null) {
            scores = Tensor.where(allowed, scores, Tensor.scalar(scores.dtype(), MASKED));
        }
        Tensor weights = scores.softmax(-1);
        lastWeights = weights.detach(); // a view: kept out of the storage fit reuses after the step
        Tensor context = attentionDropout.call(weights, training).matmul(vh).permute(0, 2, 1, 3);
        return output.call(context, training);
    }

    /** The combined attention and causal mask, broadcastable to {@code [B, heads, Tq, Tv]}; null when none. */
    private Tensor allowedPositions(Tensor mask, int tq, int tv, DType dtype) {
        Tensor allowed = mask == null ? null : mask.detach().to(dtype).ne(Tensor.scalar(dtype, 0)).unsqueeze(1);
        if (causal) {
            Tensor rows = Tensor.arange(dtype, 0, tq, 1).reshape(tq, 1);
            Tensor lowerTriangle = Tensor.arange(dtype, 0, tv, 1).reshape(1, tv).le(rows);
            allowed = allowed == null ? lowerTriangle : allowed.mul(lowerTriangle);
        }
        return allowed;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("num_heads", numHeads);
        c.put("key_dim", keyDim);
        c.put("value_dim", valueDim);
        c.put("dropout", dropout);
        c.put("use_bias", useBias);
        c.put("output_shape", outputDim);
        c.put("attention_axes", null);
        c.put("kernel_initializer", Initializers.toConfig(kernelInitializer));
        c.put("bias_initializer", Initializers.toConfig(biasInitializer));
        if (causal) {
            c.put("use_causal_mask", true);
        }
        return c;
    }

    /**
     * Rebuilds the layer from its config. {@code use_causal_mask} (a call argument in Keras) is written only when
     * true, so default configs stay loadable by Keras.
     */
    public static MultiHeadAttention fromConfig(Map<String, Object> config) {
        String what = "MultiHeadAttention config";
        if (config.get("attention_axes") != null) {
            throw new IllegalArgumentException(what + ": only attention over the time axis is supported, got"
                    + " attention_axes " + config.get("attention_axes"));
        }
        int keyDim = Configs.integer(config, "key_dim", what);
        MultiHeadAttention m = new MultiHeadAttention(Configs.integer(config, "num_heads", what), keyDim)
                .valueDim(Configs.integer(config, "value_dim", what, keyDim))
                .dropout(Configs.number(config, "dropout", 0))
                .useBias(Configs.bool(config, "use_bias", true))
                .useCausalMask(Configs.bool(config, "use_causal_mask", false))
                .initializers(Initializers.fromConfig(config.get("kernel_initializer"), null),
                        Initializers.fromConfig(config.get("bias_initializer"), null));
        if (config.get("output_shape") != null) {
            int[] out = Configs.ints(config, "output_shape", what, 1);
            if (out.length != 1) {
                throw new IllegalArgumentException(what + ": output_shape must be one size, got " + config.get("output_shape"));
            }
            m.outputShape(out[0]);
        }
        m.applyBaseConfig(config);
        return m;
    }
}
