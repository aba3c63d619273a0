package io.javagrad.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command line entry point of the benchmarks jar: {@code java -jar javagrad-benchmarks.jar <command> [options]}.
 * Add a command by putting it in {@link #COMMANDS}.
 */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("gemm", new GemmCommand());
        COMMANDS.put("jmh", new JmhCommand());
    }

    private Main() {}

    public static void main(String[] args) throws Exception {
        Command command = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (command == null) {
            if (args.length > 0 && !args[0].equals("help") && !args[0].equals("--help")) {
                System.err.println("Unknown command: " + args[0]);
            }
            usage();
            System.exit(args.length == 0 ? 1 : 2);
            return;
        }
        try {
            command.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            usage();
            System.exit(2);
        }
    }

    private static void usage() {
        System.err.println("usage: java --add-modules jdk.incubator.vector -jar javagrad-benchmarks.jar <command> [options]");
        COMMANDS.forEach((name, c) -> System.err.printf("  %-6s %s%n", name, c.summary()));
    }
}
