package io.javagrad.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples jar's entry point: without arguments it lists the examples, with a name it runs one.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar examples/target/javagrad-examples.jar
 * java --add-modules jdk.incubator.vector -jar examples/target/javagrad-examples.jar xor --epochs 500
 * </pre>
 */
public final class Main {
    private Main() {}

    private static Map<String, Example> examples() {
        Map<String, Example> all = new LinkedHashMap<>();
        for (Example e : List.<Example>of(MnistExample.cnn(), MnistExample.mlp(), new XorExample(), new XorExplainedExample(), new CustomOpExample(),
                new TransformerExample(), new TransferLearningExample(), new MultiOutputExample(),
                new OverfittingExample(), new AugmentationExample(),
                new BaggingExample(), new CustomLoopExample())) {
            all.put(e.name(), e);
        }
        return all;
    }

    /** Lists or runs the examples. */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Map<String, Example> all = examples();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println("usage: java --add-modules jdk.incubator.vector -jar javagrad-examples.jar <example> [--epochs N] [--out DIR] [--data DIR] [--seed S]");
            out.println("examples:");
            for (Example e : all.values()) {
                out.printf("  %-18s %s%n", e.name(), e.description());
            }
            return;
        }
        Example example = all.get(args[0]);
        if (example == null) {
            System.err.println("unknown example '" + args[0] + "'; known: " + all.keySet());
            System.exit(2);
        }
        try {
            example.run(ExampleOptions.parse(args, 1), out);
        } catch (IllegalArgumentException e) {
            System.err.println(example.name() + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
