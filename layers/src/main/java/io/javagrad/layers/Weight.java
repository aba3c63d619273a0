package io.javagrad.layers;

import io.javagrad.core.Autograd;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Arrays;

/**
 * A named weight of a layer: its current tensor, whether training updates it (BatchNorm's moving statistics
 * are not trained), and its optional regularizer. Layers hold on to the {@code Weight} and read
 * {@link #value()} at each call, so loading new values or converting the dtype reaches them.
 */
public final class Weight {
    private final String name;
    private final boolean trainable;
    private final Regularizer regularizer;
    private Tensor value;

    Weight(String name, Tensor value, boolean trainable, Regularizer regularizer) {
        this.name = name;
        this.value = value;
        this.trainable = trainable;
        this.regularizer = regularizer;
    }

    /** The name within its layer, e.g. {@code kernel}, {@code bias}, {@code moving_mean}. */
    public String name() {
        return name;
    }

    /** The current values; a trainable weight of a trainable layer has {@code requiresGrad}. */
    public Tensor value() {
        return value;
    }

    /** Whether the optimizer updates this weight (while its layer is trainable). */
    public boolean trainable() {
        return trainable;
    }

    /** The penalty added to the loss, or {@code null}. */
    public Regularizer regularizer() {
        return regularizer;
    }

    /** Copies {@code values} (same shape; converted to this weight's dtype) into the weight, in place. */
    public void assign(Tensor values) {
        if (!Arrays.equals(values.shape(), value.shape())) {
            throw new IllegalArgumentException("weight '" + name + "': cannot assign values of shape "
                    + Shapes.str(values.shape()) + " to a weight of shape " + Shapes.str(value.shape()));
        }
        try (Autograd.Scope s = Autograd.noGrad()) {
            value.copyFrom(values.to(value.dtype()));
        }
    }

    /** Replaces the tensor (dtype conversion); keeps the gradient flag. */
    void replace(Tensor newValue) {
        boolean grad = value.requiresGrad();
        value = newValue.detach().requiresGrad(grad);
    }

    @Override
    public String toString() {
        return "Weight[" + name + " " + value.dtype() + Shapes.str(value.shape()) + (trainable ? "" : ", non-trainable") + "]";
    }
}
