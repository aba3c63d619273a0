package io.javagrad.examples;

import io.javagrad.core.Autograd;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Loss;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.data.Mnist;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import io.javagrad.optim.Optimizer;
import java.io.PrintStream;

/**
 * The MNIST MLP trained without {@code fit}: a hand-written loop of forward pass, loss, {@code backward()} and
 * optimizer step, the way one writes it in PyTorch, with the model's layers and a plain optimizer.
 */
final class CustomLoopExample implements Example {
    @Override
    public String name() {
        return "custom-loop";
    }

    @Override
    public String description() {
        return "the MNIST MLP trained by a hand-written loop (forward, loss, backward, optimizer step)";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) throws Exception {
        Mnist.Data data = MnistData.load(options.data(), Mnist.Layout.FLAT);
        long seed = options.seed(42);
        Sequential model = MnistModels.mlp(seed);
        model.build();
        Optimizer optimizer = new Adam(1e-3);
        optimizer.setParameters(model.trainableParameters());
        Loss loss = new SparseCategoricalCrossentropy();
        Rng shuffle = new Rng(seed);
        int epochs = options.epochs(3);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double total = 0;
            int batches = 0;
            for (Dataset.Batch batch : data.train().batches(64, true, shuffle)) {
                Tensor predictions = model.call(batch.x(), true);   // forward, recording the graph
                Tensor value = loss.compute(batch.y(), predictions);
                value.backward();                                   // gradients into every parameter's grad()
                optimizer.step();                                   // update, without recording a graph
                optimizer.zeroGrad();
                total += value.item();
                batches++;
            }
            out.printf("epoch %d/%d  mean training loss %.4f  test accuracy %.2f%%%n", epoch, epochs,
                    total / batches, 100 * accuracy(model, data.test()));
        }
    }

    private static double accuracy(Sequential model, Dataset test) {
        SparseCategoricalAccuracy accuracy = new SparseCategoricalAccuracy();
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (Dataset.Batch batch : test.batches(500, false, null)) {
                accuracy.update(batch.y(), model.call(batch.x(), false));
            }
        }
        return accuracy.result();
    }
}
