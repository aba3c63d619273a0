package io.javagrad.optim;

import io.javagrad.core.Autograd;
import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Base of all optimizers: the parameters, the learning rate, a step counter, per-parameter state and optional
 * gradient clipping. A subclass writes one parameter's update rule in {@link #update}.
 *
 * <p>Use: construct with hyperparameters, {@link #setParameters} (a model does it once built), then for every
 * batch {@link #zeroGrad()}, forward, {@code loss.backward()}, {@link #step()}.
 *
 * <p>{@code step()} runs inside {@link Autograd#noGrad()}: it clips the gradients if asked (by global norm, then
 * by value, changing them in place as Keras does before applying them), increments the step counter {@code t},
 * then updates every parameter whose {@code grad()} is non-null, in place. Parameters without a gradient are
 * skipped and their state is left alone. Bias corrections and decays read the optimizer's counter {@code t}
 * (as Keras does); PyTorch counts per parameter, which differs only for a parameter that missed steps.
 *
 * <p>State for checkpoints: {@link #state()} maps {@code "step"} to the counter and
 * {@code "param.<i>.<slot>"} (e.g. {@code "param.3.exp_avg"}) to a copy of slot {@code slot} of parameter
 * {@code i}, slot names as in PyTorch. {@link #getConfig()} holds the hyperparameters;
 * {@link Optimizers#fromConfig} and {@link #loadState} rebuild an optimizer that continues identically.
 */
public abstract class Optimizer {
    /** The state key of the step counter. */
    public static final String STEP_KEY = "step";
    private static final Pattern PARAM_KEY = Pattern.compile("param\\.(\\d{1,9})\\.([A-Za-z_]+)");
    /** Workspace 0 holds the weight-decayed gradient, workspace 1 is the subclass's {@link #scratch}. */
    private static final int WORKSPACES = 2;

    private final String name;
    private double learningRate;
    private double clipNorm;
    private double clipValue;
    private int stepCount;
    private List<Tensor> parameters;
    private final Map<String, Tensor[]> state = new LinkedHashMap<>();
    private final Map<DType, Tensor[]> workspaces = new EnumMap<>(DType.class);

    /** @param name the registry name ({@code "Adam"}, ...), used in configs and error messages */
    protected Optimizer(String name, double learningRate) {
        this.name = name;
        setLearningRate(learningRate);
    }

    // ---------------------------------------------------------------- the update

    /**
     * Updates {@code param} in place from its gradient; called by {@link #step()} inside a no-grad scope,
     * after clipping and after the step counter was incremented. {@code grad} is read through
     * {@link Tensor#gradForUpdate()}: valid during this call only (the next backward may write into its storage), so
     * an optimizer that keeps a gradient keeps a copy.
     *
     * @param index the parameter's position in {@link #parameters()} (the key of its state)
     */
    protected abstract void update(int index, Tensor param, Tensor grad);

    /** The names of the per-parameter state slots this optimizer keeps, in a stable order. */
    protected abstract List<String> stateSlots();

    /** Adds this optimizer's hyperparameters (besides name, learning rate and clipping) to {@code config}. */
    protected abstract void putHyperparameters(Map<String, Object> config);

    /** Clips the gradients if asked, counts the step and updates every parameter that has a gradient. */
    public void step() {
        List<Tensor> params = requireParameters();
        try (Autograd.Scope scope = Autograd.noGrad()) {
            if (clipNorm > 0) {
                GradientClipping.clipByNorm(params, clipNorm);
            }
            if (clipValue > 0) {
                GradientClipping.clipByValue(params, clipValue);
            }
            stepCount++;
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor g = p.gradForUpdate();
                if (g != null) {
                    update(i, p, g);
                }
            }
        }
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        for (Tensor p : requireParameters()) {
            p.zeroGrad();
        }
    }

    // ---------------------------------------------------------------- parameters and hyperparameters

    /**
     * Sets the tensors to optimize (leaves with {@code requiresGrad}); returns this optimizer. The same tensors
     * in the same order keep their state; any other list clears the state and the step counter.
     */
    public Optimizer setParameters(List<Tensor> params) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null || !p.requiresGrad() || !p.isLeaf() || !seen.add(p)) {
                throw new IllegalArgumentException(name + ": parameter " + i + " must be a distinct leaf tensor with"
                        + " requiresGrad(true), got " + describe(p, seen));
            }
        }
        if (optimizes(params)) {
            return this;
        }
        parameters = List.copyOf(params);
        state.clear();
        for (String slot : stateSlots()) {
            state.put(slot, new Tensor[parameters.size()]);
        }
        workspaces.clear();
        stepCount = 0;
        return this;
    }

    /** Whether {@link #setParameters} was called. */
    public boolean hasParameters() {
        return parameters != null;
    }

    /** Whether the parameters are exactly {@code params}: the same tensors in the same order, so the state fits them. */
    public boolean optimizes(List<Tensor> params) {
        if (parameters == null || parameters.size() != params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (parameters.get(i) != params.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The parameters, in the order that numbers their state. */
    public List<Tensor> parameters() {
        return requireParameters();
    }

    private List<Tensor> requireParameters() {
        if (parameters == null) {
            throw new IllegalStateException(name + ": no parameters; call setParameters first");
        }
        return parameters;
    }

    /** The registry name of this optimizer, e.g. {@code "Adam"}. */
    public String name() {
        return name;
    }

    /** The current learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate (a finite number >= 0), e.g. from a {@link LearningRateSchedule}. */
    public void setLearningRate(double learningRate) {
        this.learningRate = Checks.nonNegative(name, "learningRate", learningRate);
    }

    /** The number of {@link #step()} calls since the parameters were set (or as loaded by {@link #loadState}). */
    public int stepCount() {
        return stepCount;
    }

    /** The global gradient-norm limit applied at the start of {@link #step()}; 0 means off. */
    public double clipNorm() {
        return clipNorm;
    }

    /** Clips the global L2 norm of all gradients to {@code maxNorm} at each step (Keras' global_clipnorm); 0 turns it off. */
    public Optimizer setClipNorm(double maxNorm) {
        clipNorm = Checks.nonNegative(name, "clipNorm", maxNorm);
        return this;
    }

    /** The gradient value limit applied at the start of {@link #step()}; 0 means off. */
    public double clipValue() {
        return clipValue;
    }

    /** Clamps every gradient element to [-clip, clip] at each step (Keras' clipvalue); 0 turns it off. */
    public Optimizer setClipValue(double clip) {
        clipValue = Checks.nonNegative(name, "clipValue", clip);
        return this;
    }

    /**
     * The hyperparameters as a map of strings, numbers and booleans: {@code name}, {@code learningRate}, the
     * optimizer's own, {@code clipNorm} and {@code clipValue}. {@link Optimizers#fromConfig} inverts it.
     */
    public final Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("learningRate", learningRate);
        putHyperparameters(config);
        config.put("clipNorm", clipNorm);
        config.put("clipValue", clipValue);
        return config;
    }

    // ---------------------------------------------------------------- state

    /** Copies of the step counter and of every state tensor, keyed as described in the class comment. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(STEP_KEY, Tensor.scalar(DType.FLOAT64, stepCount));
        if (parameters != null) {
            for (int i = 0; i < parameters.size(); i++) {
                for (Map.Entry<String, Tensor[]> slot : state.entrySet()) {
                    Tensor t = slot.getValue()[i];
                    if (t != null) {
                        out.put(key(i, slot.getKey()), copyAs(t, t));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Replaces the step counter and the state with copies of {@code saved} (as produced by {@link #state()}),
     * converted to each parameter's dtype. Everything is checked before anything changes: unknown keys, a
     * missing step, wrong shapes, or a parameter with only some of its slots are an IllegalArgumentException.
     */
    public void loadState(Map<String, Tensor> saved) {
        List<Tensor> params = requireParameters();
        int step = readStep(saved.get(STEP_KEY));
        Map<String, Tensor[]> loaded = new LinkedHashMap<>();
        for (String slot : stateSlots()) {
            loaded.put(slot, new Tensor[params.size()]);
        }
        for (Map.Entry<String, Tensor> entry : saved.entrySet()) {
            String key = entry.getKey();
            if (key.equals(STEP_KEY)) {
                continue;
            }
            Matcher m = PARAM_KEY.matcher(key);
            if (!m.matches()) {
                throw new IllegalArgumentException(name + ": unknown state key '" + key + "'");
            }
            int i = Integer.parseInt(m.group(1));
            Tensor[] slot = loaded.get(m.group(2));
            if (i >= params.size() || slot == null) {
                throw new IllegalArgumentException(name + ": state key '" + key + "' does not match " + params.size()
                        + " parameters with slots " + stateSlots());
            }
            Tensor value = entry.getValue();
            Tensor p = params.get(i);
            if (value == null || !Arrays.equals(value.shape(), p.shape())) {
                throw new IllegalArgumentException(name + ": state '" + key + "' is "
                        + (value == null ? "null" : "of shape " + Shapes.str(value.shape())) + ", parameter " + i
                        + " has shape " + Shapes.str(p.shape()));
            }
            slot[i] = copyAs(value, p);
        }
        checkComplete(loaded, params.size());
        state.clear();
        state.putAll(loaded);
        stepCount = step;
    }

    private int readStep(Tensor step) {
        double v = step == null || step.numel() != 1 ? -1 : step.item();
        if (!(v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
            throw new IllegalArgumentException(name + ": state needs '" + STEP_KEY + "' holding one integer >= 0, got "
                    + step);
        }
        return (int) v;
    }

    private void checkComplete(Map<String, Tensor[]> loaded, int n) {
        for (int i = 0; i < n; i++) {
            List<String> present = new ArrayList<>();
            for (Map.Entry<String, Tensor[]> slot : loaded.entrySet()) {
                if (slot.getValue()[i] != null) {
                    present.add(slot.getKey());
                }
            }
            if (!present.isEmpty() && present.size() != loaded.size()) {
                throw new IllegalArgumentException(name + ": state of parameter " + i + " has slots " + present
                        + ", needs all of " + loaded.keySet());
            }
        }
    }

    private static String key(int index, String slot) {
        return "param." + index + "." + slot;
    }

    private static Tensor copyAs(Tensor value, Tensor like) {
        return Tensor.zeros(like.dtype(), like.shape()).copyFrom(value);
    }

    private static String describe(Tensor p, Set<Tensor> earlier) {
        if (p == null) {
            return "null";
        }
        return p.dtype() + Shapes.str(p.shape()) + (p.requiresGrad() ? "" : " without requiresGrad")
                + (p.isLeaf() ? "" : " computed by an op") + (earlier.contains(p) ? " listed twice" : "");
    }

    // ---------------------------------------------------------------- helpers for update rules

    /** Whether parameter {@code index} has state in {@code slot} yet. */
    protected boolean hasState(int index, String slot) {
        return slots(slot)[index] != null;
    }

    /** The state of parameter {@code index} in {@code slot}, created filled with {@code initialValue} on first use. */
    protected Tensor state(int index, String slot, double initialValue) {
        Tensor[] slots = slots(slot);
        if (slots[index] == null) {
            Tensor p = parameters.get(index);
            slots[index] = Tensor.full(p.dtype(), initialValue, p.shape());
        }
        return slots[index];
    }

    private Tensor[] slots(String slot) {
        Tensor[] slots = state.get(slot);
        if (slots == null) {
            throw new IllegalStateException(name + ": state slot '" + slot + "' is not in stateSlots() " + stateSlots());
        }
        return slots;
    }

    /** {@code grad}, or {@code grad + weightDecay * param} (L2 penalty) in a reused buffer when weightDecay != 0. */
    protected Tensor gradientWithWeightDecay(Tensor param, Tensor grad, double weightDecay) {
        return weightDecay == 0 ? grad : workspace(0, param).copyFrom(grad).addInPlace(param, weightDecay);
    }

    /**
     * A scratch tensor of {@code like}'s shape and dtype, valid until the next call; its storage is shared by all
     * parameters of that dtype, so a step allocates no buffers.
     */
    protected Tensor scratch(Tensor like) {
        return workspace(1, like);
    }

    private Tensor workspace(int which, Tensor like) {
        Tensor[] buffers = workspaces.computeIfAbsent(like.dtype(), d -> new Tensor[WORKSPACES]);
        if (buffers[which] == null || buffers[which].numel() < like.numel()) {
            int largest = like.numel();
            for (Tensor p : requireParameters()) {
                if (p.dtype() == like.dtype()) {
                    largest = Math.max(largest, p.numel());
                }
            }
            buffers[which] = Tensor.zeros(like.dtype(), largest);
        }
        return buffers[which].slice(0, 0, like.numel()).reshape(like.shape());
    }
}
