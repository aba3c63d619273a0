package io.javagrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HyperparameterValidationTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((Executable) () -> new SGD(-0.1), "SGD: learningRate must be a finite number >= 0, got -0.1"),
                Arguments.of((Executable) () -> new SGD(Double.NaN), "SGD: learningRate must be a finite number >= 0, got NaN"),
                Arguments.of((Executable) () -> new SGD(0.1, 1.0), "SGD: momentum must be in [0, 1), got 1.0"),
                Arguments.of((Executable) () -> new SGD(0.1, 0.9, 1.5, false, 0), "SGD: dampening must be in [0, 1], got 1.5"),
                Arguments.of((Executable) () -> new SGD(0.1, 0.9, 0, false, -1), "SGD: weightDecay must be a finite number >= 0, got -1.0"),
                Arguments.of((Executable) () -> new SGD(0.1, 0, 0, true, 0),
                        "SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.0 and dampening 0.0"),
                Arguments.of((Executable) () -> new SGD(0.1, 0.9, 0.1, true, 0),
                        "SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1"),
                Arguments.of((Executable) () -> new Adam(0.1, -0.1, 0.999, 1e-8, 0, false), "Adam: beta1 must be in [0, 1), got -0.1"),
                Arguments.of((Executable) () -> new Adam(0.1, 0.9, 1.0, 1e-8, 0, false), "Adam: beta2 must be in [0, 1), got 1.0"),
                Arguments.of((Executable) () -> new Adam(0.1, 0.9, 0.999, 0, 0, false), "Adam: eps must be a finite number > 0, got 0.0"),
                Arguments.of((Executable) () -> new AdamW(0.1, 0.9, 0.999, 1e-8, -0.01, false),
                        "AdamW: weightDecay must be a finite number >= 0, got -0.01"),
                Arguments.of((Executable) () -> new AdamW(Double.POSITIVE_INFINITY),
                        "AdamW: learningRate must be a finite number >= 0, got Infinity"),
                Arguments.of((Executable) () -> new RMSprop(0.1, 1.2, 1e-8, 0, 0, false), "RMSprop: alpha must be in [0, 1), got 1.2"),
                Arguments.of((Executable) () -> new RMSprop(0.1, 0.99, -1e-8, 0, 0, false), "RMSprop: eps must be a finite number > 0, got -1.0E-8"),
                Arguments.of((Executable) () -> new RMSprop(0.1, 0.99, 1e-8, 0, -0.5, false), "RMSprop: momentum must be in [0, 1), got -0.5"),
                Arguments.of((Executable) () -> new Adagrad(0.1, -1, 0, 0, 1e-10), "Adagrad: lrDecay must be a finite number >= 0, got -1.0"),
                Arguments.of((Executable) () -> new Adagrad(0.1, 0, 0, -0.1, 1e-10),
                        "Adagrad: initialAccumulatorValue must be a finite number >= 0, got -0.1"),
                Arguments.of((Executable) () -> new Adagrad(0.1, 0, 0, 0, 0), "Adagrad: eps must be a finite number > 0, got 0.0"),
                Arguments.of((Executable) () -> new Adam(0.1).setLearningRate(-1), "Adam: learningRate must be a finite number >= 0, got -1.0"),
                Arguments.of((Executable) () -> new Adam(0.1).setClipValue(-1), "Adam: clipValue must be a finite number >= 0, got -1.0"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidHyperparametersNameTheOptimizerAndTheValue(Executable construct, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, construct).getMessage());
    }
}
