package io.javagrad.core;

/**
 * The local chain rule of one op: given the gradient of the loss with respect to the op's output, return the
 * gradients with respect to each of its inputs (in order; {@code null} where an input needs none).
 * Implementations use differentiable tensor ops, so that the backward itself can be differentiated.
 */
@FunctionalInterface
interface BackwardFn {
    Tensor[] apply(Tensor gradOutput);
}
