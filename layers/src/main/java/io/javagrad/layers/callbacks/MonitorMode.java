package io.javagrad.layers.callbacks;

/** Whether a monitored quantity improves by going down or up. */
public enum MonitorMode {
    /** Up for accuracies, AUC, precision, recall and F1 (by name), down for everything else. */
    AUTO,
    /** Lower is better (losses, errors). */
    MIN,
    /** Higher is better (accuracies). */
    MAX
}
