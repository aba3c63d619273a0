// A tour of Javagrad in JShell: tensors, autograd, gradient checks and a tiny Keras-like model.
// Start it from the repository root after `mvn -q package -DskipTests`:
//
//   jshell --add-modules jdk.incubator.vector --class-path examples/target/javagrad-examples.jar examples/jshell/tour.jsh
//
// Every statement prints its result. The script ends with /exit; drop that line (or open the file with
// /open examples/jshell/tour.jsh inside jshell) to keep playing with the variables afterwards.

import io.javagrad.core.*;
import io.javagrad.layers.*;
import io.javagrad.layers.losses.*;
import io.javagrad.optim.*;
import java.util.List;

// ---- 1. Tensors: n-dimensional arrays of float32 (the default) or float64, with NumPy-style broadcasting.
Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
System.out.println("a = " + a + ", shape " + java.util.Arrays.toString(a.shape()));
System.out.println("a + [10, 20, 30] (broadcast over rows) = " + a.add(Tensor.of(new double[] {10, 20, 30})));
System.out.println("a @ a^T = " + a.matmul(a.transpose(0, 1)));
// transpose, reshape, slice... are views: they share a's storage instead of copying it.
System.out.println("a summed over axis 0 = " + a.sum(new int[] {0}, false));

// ---- 2. Autograd: operations record a graph as they run; backward() fills in .grad() of every leaf that requires it.
Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
Tensor w = Tensor.of(new double[] {0.5, -1, 2}).requiresGrad(true);
Tensor y = x.mul(w).tanh().sum();
y.backward();
System.out.println("y = sum(tanh(x * w)) = " + y.item());
System.out.println("dy/dx = w * (1 - tanh^2(x * w)) = " + x.grad());
System.out.println("dy/dw = x * (1 - tanh^2(x * w)) = " + w.grad());

// ---- 3. Gradients of gradients: Autograd.grad with createGraph = true returns a gradient that is itself differentiable.
Tensor u = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
Tensor du = Autograd.grad(u.pow(3).sum(), List.of(u), true).get(0);
Tensor ddu = Autograd.grad(du.sum(), List.of(u), false).get(0);
System.out.println("d/du sum(u^3) = 3u^2 = " + du);
System.out.println("d/du sum(3u^2) = 6u = " + ddu);

// ---- 4. GradCheck: compares the analytic gradients with central differences in float64.
Tensor p = Tensor.randn(new Rng(1), DType.FLOAT64, 3, 4).requiresGrad(true);
Tensor q = Tensor.randn(new Rng(2), DType.FLOAT64, 4, 2).requiresGrad(true);
GradCheck.Report report = GradCheck.check(in -> in[0].matmul(in[1]).softmax(-1).square().sum(), p, q);
System.out.println("sum(softmax(p @ q)^2): " + report);
System.out.println("tanh(p @ q), second order: " + GradCheck.gradGradCheck(in -> in[0].matmul(in[1]).tanh().sum(), p, q));

// ---- 5. A tiny Keras-like model learning XOR: Sequential, compile, fit, predict.
Tensor xs = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
Tensor ys = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
Sequential model = new Sequential(2);
model.add(new Dense(8).activation("tanh"));
model.add(new Dense(1).activation("sigmoid"));
model.setSeed(42);
model.compile(new Adam(0.05), new BinaryCrossentropy());
System.out.println(model.summary());
History history = model.fit(xs, ys, FitOptions.defaults().epochs(300).batchSize(4).verbose(false));
System.out.printf("loss after 1 epoch %.4f, after %d epochs %.4f%n", history.get("loss").get(0), history.epochs(), history.last("loss"));
System.out.println("predictions for 00 01 10 11: " + model.predict(xs));

/exit
