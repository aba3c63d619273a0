/** Runnable Javagrad examples; {@code io.javagrad.examples.Main} lists and runs them. */
module io.javagrad.examples {
    requires io.javagrad.io;
}
