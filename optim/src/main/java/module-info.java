/** Javagrad optimizers, learning-rate schedules and gradient clipping. */
module io.javagrad.optim {
    requires transitive io.javagrad.core;

    exports io.javagrad.optim;
}
