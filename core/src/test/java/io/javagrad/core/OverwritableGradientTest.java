package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine lets a backward overwrite the gradient it is handed only when nothing else can reach that gradient, and
 * relu's backward then masks it in place, with the same values as a new buffer.
 */
class OverwritableGradientTest {
    private final Rng rng = new Rng(5);
    private final Tensor w = Tensor.randn(rng, DType.FLOAT64, 4, 3);

    /** An identity op whose backward keeps the gradient it returns. */
    private static final class Keeper extends Function {
        Tensor kept;

        @Override
        protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
            return inputs[0].mul(1);
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
            kept = gradOutput.mul(1);
            return new Tensor[] {kept};
        }
    }

    /** sum(makesNew(relu(notes(x))) w), noting in {@code overwritable} what the engine let the first op overwrite. */
    private Tensor loss(Tensor x, List<Boolean> overwritable) {
        return makesNewGradient(notesGradient(x, new ArrayList<>(), overwritable).relu(), new ArrayList<>())
                .matmul(w).sum();
    }

    /** dloss/dx of {@link #loss}, by the definition: [x > 0] times the row sums of w, for every row of x. */
    private static double[] expected(Tensor x, Tensor w) {
        double[] xs = x.toDoubleArray();
        double[] ws = w.toDoubleArray();
        double[] g = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            int k = i % 4;
            g[i] = xs[i] > 0 ? ws[3 * k] + ws[3 * k + 1] + ws[3 * k + 2] : 0;
        }
        return g;
    }

    /** An identity op recorded as built-in ops are: its backward hands {@code made} a new buffer {@code g * 1}. */
    private static Tensor makesNewGradient(Tensor x, List<Tensor> made) {
        return Autograd.record("makesNew", x.detach().mul(1), new Tensor[] {x}, new Tensor[0], g -> {
            Tensor fresh = g.mul(1);
            made.add(fresh);
            return new Tensor[] {fresh};
        });
    }

    /** An identity op recorded as built-in ops are: its backward notes the gradient it is handed, and passes it on. */
    private static Tensor notesGradient(Tensor x, List<Tensor> handed, List<Boolean> overwritable) {
        return Autograd.record("notes", x.detach().mul(1), new Tensor[] {x}, new Tensor[0], g -> {
            handed.add(g);
            overwritable.add(g.overwritable);
            return new Tensor[] {g.mul(1)};
        });
    }

    @Test
    void reluMasksTheEnginesOwnGradientInPlaceAndHandsItOnAsTheEnginesOwn() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 4).requiresGrad(true);
        List<Tensor> made = new ArrayList<>();
        List<Tensor> handed = new ArrayList<>();
        List<Boolean> overwritable = new ArrayList<>();
        Tensor r = makesNewGradient(notesGradient(x, handed, overwritable).relu(), made);
        r.matmul(w).sum().backward();
        assertSame(made.get(0), handed.get(0), "relu masked the new buffer where it lay and passed it on");
        assertEquals(List.of(true), overwritable);
        assertArrayEquals(expected(x, w), x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void inPlaceAndNewBufferGiveTheSameBits() {
        Tensor g = Tensor.randn(rng, DType.FLOAT32, 6, 7).mul(1);
        Tensor a = Tensor.randn(rng, DType.FLOAT32, 6, 7);
        float[] copied = Activations.reluBackward(g, a).toFloatArray();
        g.overwritable = true;
        Tensor inPlace = Activations.reluBackward(g, a);
        assertSame(g, inPlace);
        assertArrayEquals(copied, inPlace.toFloatArray(), 0);
    }

    @Test
    void aGradientTheEngineDoesNotOwnAloneIsNeverOverwritten() {
        Tensor g = Tensor.randn(rng, DType.FLOAT32, 6, 7).mul(1);
        float[] before = g.toFloatArray();
        Tensor out = Activations.reluBackward(g, Tensor.randn(rng, DType.FLOAT32, 6, 7));
        assertNotSame(g, out);
        assertArrayEquals(before, g.toFloatArray(), 0);
    }

    @Test
    void noGradientIsOverwritableUnderCreateGraphOrATrace() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 4).requiresGrad(true);
        List<Boolean> overwritable = new ArrayList<>();
        List<Tensor> g = Autograd.grad(loss(x, overwritable), List.of(x), true);
        assertEquals(List.of(false), overwritable);
        assertArrayEquals(expected(x, w), g.get(0).toDoubleArray(), 1e-12);

        BackpropTrace trace = BackpropTrace.record(() -> loss(x, new ArrayList<>()).backward());
        BackpropTrace.Step relu = trace.steps().stream().filter(s -> s.op().equals("relu")).findFirst().orElseThrow();
        assertUnmasked(relu.upstream()); // the gradient relu was handed, as it was before relu's backward ran
    }

    @Test
    void aGradientCapturedForTheCallerIsNotOverwritten() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 4).requiresGrad(true);
        Tensor r = x.mul(1).relu();
        List<Tensor> grads = Autograd.grad(List.of(r.matmul(w).sum()), List.of(x, r), null, false, false, false);
        assertUnmasked(grads.get(1));
        assertArrayEquals(expected(x, w), grads.get(0).toDoubleArray(), 1e-12);
    }

    /** Every element of {@code g} (shaped like x) is the row sum of w for its column: relu's mask not applied. */
    private void assertUnmasked(Tensor g) {
        double[] gs = g.toDoubleArray();
        double[] ws = w.toDoubleArray();
        for (int i = 0; i < gs.length; i++) {
            int k = i % 4;
            assertEquals(ws[3 * k] + ws[3 * k + 1] + ws[3 * k + 2], gs[i], 1e-12, "unmasked at " + i);
        }
    }

    @Test
    void aGradientAUserFunctionMayKeepIsNotOverwritten() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 4).requiresGrad(true);
        Keeper keeper = new Keeper();
        keeper.apply(x.relu()).matmul(w).sum().backward();
        assertUnmasked(keeper.kept);
        assertArrayEquals(expected(x, w), x.grad().toDoubleArray(), 1e-12);
    }
}
