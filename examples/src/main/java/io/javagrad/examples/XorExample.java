package io.javagrad.examples;

import io.javagrad.core.Autograd;
import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import java.io.PrintStream;
import java.util.List;

/**
 * XOR with the low-level API only: a 2-8-1 network written as tensor expressions, its loss differentiated by
 * {@code backward()}, and plain gradient descent applied by hand.
 */
final class XorExample implements Example {
    @Override
    public String name() {
        return "xor";
    }

    @Override
    public String description() {
        return "2-8-1 network on XOR with the low-level tensor API (manual gradient descent)";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) {
        int epochs = options.epochs(2000);
        Rng rng = new Rng(options.seed(42));
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
        Tensor w1 = Tensor.randn(rng, DType.FLOAT32, 2, 8).mul(0.7).detach().requiresGrad(true);
        Tensor b1 = Tensor.zeros(8).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, DType.FLOAT32, 8, 1).mul(0.7).detach().requiresGrad(true);
        Tensor b2 = Tensor.zeros(1).requiresGrad(true);
        List<Tensor> params = List.of(w1, b1, w2, b2);
        double learningRate = 0.5;
        Tensor prediction = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Tensor hidden = x.matmul(w1).add(b1).tanh();
            prediction = hidden.matmul(w2).add(b2).sigmoid();
            Tensor loss = prediction.sub(y).square().mean();
            loss.backward();
            try (Autograd.Scope s = Autograd.noGrad()) {
                for (Tensor p : params) {
                    p.addInPlace(p.grad(), -learningRate);
                    p.zeroGrad();
                }
            }
            if (epoch == 1 || epoch % Math.max(1, epochs / 10) == 0) {
                out.printf("epoch %5d  loss %.6f%n", epoch, loss.item());
            }
        }
        float[] p = prediction.toFloatArray();
        out.printf("predictions for 00 01 10 11: %.3f %.3f %.3f %.3f%n", p[0], p[1], p[2], p[3]);
    }
}
