package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMessagesTest {

    private static final Tensor A = Tensor.zeros(2, 3);
    private static final Tensor B = Tensor.zeros(4);

    private static <T extends Throwable> void assertMessage(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
    }

    private static void assertMessage(Executable call, String... parts) {
        assertMessage(IllegalArgumentException.class, call, parts);
    }

    static Stream<Arguments> binaryOps() {
        return Stream.of(
                Arguments.of("add", (BinaryOperator<Tensor>) Tensor::add),
                Arguments.of("sub", (BinaryOperator<Tensor>) Tensor::sub),
                Arguments.of("mul", (BinaryOperator<Tensor>) Tensor::mul),
                Arguments.of("div", (BinaryOperator<Tensor>) Tensor::div),
                Arguments.of("pow", (BinaryOperator<Tensor>) Tensor::pow),
                Arguments.of("maximum", (BinaryOperator<Tensor>) Tensor::maximum),
                Arguments.of("minimum", (BinaryOperator<Tensor>) Tensor::minimum),
                Arguments.of("gt", (BinaryOperator<Tensor>) Tensor::gt),
                Arguments.of("eq", (BinaryOperator<Tensor>) Tensor::eq));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void shapeMismatchNamesTheOpAndBothShapes(String op, BinaryOperator<Tensor> f) {
        assertMessage(() -> f.apply(A, B), op + ":", "[2, 3]", "[4]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void dtypeMismatchNamesTheOpAndBothDtypes(String op, BinaryOperator<Tensor> f) {
        assertMessage(() -> f.apply(A, Tensor.zeros(DType.FLOAT64, 2, 3)), op + ":", "float32", "float64", "to(DType)");
    }

    @Test
    void whereAndInPlaceOpsNameThemselves() {
        assertMessage(() -> Tensor.where(Tensor.ones(3), A, B), "where", "[2, 3]", "[4]");
        assertMessage(() -> Tensor.where(B, A, A), "where", "[4]", "[2, 3]");
        assertMessage(() -> Tensor.where(Tensor.ones(3), A, Tensor.zeros(DType.FLOAT64, 3)), "where", "float64");
        assertMessage(() -> Tensor.zeros(2, 3).addInPlace(B), "addInPlace", "[2, 3]", "[4]");
        assertMessage(() -> Tensor.zeros(3).copyFrom(A), "copyFrom", "[2, 3]", "[3]");
        assertMessage(() -> Tensor.zeros(3).mulInPlace(Tensor.zeros(DType.FLOAT64, 3)), "mulInPlace", "float64");
    }

    @Test
    void matmulNamesBothShapes() {
        assertMessage(() -> A.matmul(Tensor.zeros(2, 3)), "matmul", "[2, 3] @ [2, 3]", "3 vs 2");
        assertMessage(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)), "matmul", "[2, 2, 3]", "[3, 3, 1]");
        assertMessage(() -> A.matmul(Tensor.scalar(1)), "matmul", "rank", "[]");
        assertMessage(() -> A.matmul(Tensor.zeros(DType.FLOAT64, 3, 1)), "matmul", "float32", "float64");
    }

    @Test
    void viewOpsNameThemselvesAndTheShape() {
        assertMessage(() -> A.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
        assertMessage(() -> A.reshape(-1, 4), "reshape", "[2, 3]");
        assertMessage(() -> A.reshape(-1, -1), "reshape", "one -1");
        assertMessage(() -> A.permute(1), "permute", "[2, 3]");
        assertMessage(() -> A.permute(1, 1), "permute", "repeated");
        assertMessage(() -> A.expand(4, 3), "expand", "[2, 3]", "[4, 3]");
        assertMessage(() -> A.squeeze(0), "squeeze", "[2, 3]", "size 2");
        assertMessage(() -> A.slice(0, 0, 2, 0), "slice", "step");
        assertMessage(() -> A.transpose(0, 2), "transpose", "axis 2", "rank 2");
        assertMessage(() -> B.t(), "t:", "[4]");
        assertMessage(IndexOutOfBoundsException.class, () -> A.select(1, 3), "select", "index 3", "[2, 3]");
        assertMessage(IndexOutOfBoundsException.class, () -> A.get(2, 0), "get", "[2, 0]", "[2, 3]");
    }

    @Test
    void reductionsNameTheOpAndTheAxis() {
        assertMessage(() -> A.sum(2, false), "sum", "axis 2", "rank 2");
        assertMessage(() -> A.mean(new int[] {-3}, false), "mean", "axis -3");
        assertMessage(() -> A.sum(new int[] {1, -1}, false), "sum", "twice");
        assertMessage(() -> A.amax(new int[] {5}, false), "amax", "axis 5");
        assertMessage(() -> A.softmax(2), "softmax", "axis 2");
        assertMessage(() -> A.logSoftmax(-3), "logSoftmax", "axis -3");
        assertMessage(() -> A.var(new int[] {3}, false), "var", "axis 3");
        assertMessage(() -> A.logSumExp(2, false), "logSumExp", "axis 2");
        assertMessage(() -> Tensor.zeros(0).amax(new int[] {0}, false), "amax", "empty", "[0]");
    }

    @Test
    void argumentErrors() {
        assertMessage(() -> A.clamp(1, 0), "clamp", "min 1.0 > max 0.0");
        assertMessage(() -> Tensor.zeros(-1), "negative", "[-1]");
        assertMessage(IllegalStateException.class, () -> A.item(), "item", "[2, 3]", "6 elements");
        assertMessage(() -> A.setGrad(Tensor.zeros(3, 2)), "setGrad", "[3, 2]", "[2, 3]");
        assertMessage(() -> A.setGrad(Tensor.zeros(DType.FLOAT64, 2, 3)), "setGrad", "float64", "float32");
    }

    @Test
    void autogradErrors() {
        Tensor x = Tensor.zeros(2).requiresGrad(true);
        assertMessage(() -> x.mul(2).backward(), "backward", "[2]", "not a scalar");
        assertMessage(() -> x.mul(2).backward(Tensor.zeros(3)), "backward", "[3]", "[2]");
        assertMessage(() -> x.mul(2).backward(Tensor.zeros(DType.FLOAT64, 2)), "backward", "float64", "float32");
        assertMessage(IllegalStateException.class, () -> Tensor.zeros(1).sum().backward(), "backward",
                "does not require a gradient");
        assertMessage(IllegalStateException.class, () -> x.mulInPlace(2), "mulInPlace", "noGrad");
        assertMessage(IllegalStateException.class, () -> x.mul(2).requiresGrad(false), "requiresGrad(false)",
                "detach");
    }
}
