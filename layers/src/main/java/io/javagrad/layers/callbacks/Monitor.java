package io.javagrad.layers.callbacks;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A monitored log entry with its direction and minimum improvement, shared by the plateau-watching callbacks. */
final class Monitor {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final String key;
    private final boolean maximize;
    private final double minDelta;
    private boolean warned;

    Monitor(String who, String key, MonitorMode mode, double minDelta) {
        if (key == null || key.isEmpty() || mode == null) {
            throw new IllegalArgumentException(who + ": monitor and mode are required, got monitor=" + key
                    + ", mode=" + mode);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException(who + ": minDelta must be finite and >= 0, got " + minDelta);
        }
        this.key = key;
        this.maximize = mode == MonitorMode.MAX || (mode == MonitorMode.AUTO && higherIsBetter(key));
        this.minDelta = minDelta;
    }

    private static boolean higherIsBetter(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("acc") || k.contains("auc") || k.contains("precision") || k.contains("recall")
                || k.contains("f1");
    }

    String key() {
        return key;
    }

    boolean maximize() {
        return maximize;
    }

    /** The worst possible value, to start from. */
    double worst() {
        return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Whether {@code current} beats {@code best} by more than the minimum improvement. */
    boolean improved(double current, double best) {
        return maximize ? current - minDelta > best : current + minDelta < best;
    }

    /** The monitored value in {@code logs}, or {@code null} (logged once) when it is missing. */
    Double value(Map<String, Double> logs) {
        Double v = logs.get(key);
        if (v == null && !warned) {
            warned = true;
            LOG.warn("monitored quantity '{}' is not in the logs (available: {}); the callback does nothing", key,
                    logs.keySet());
        }
        return v;
    }
}
