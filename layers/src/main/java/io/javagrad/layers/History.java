package io.javagrad.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value of the epoch logs, per epoch, as {@link Model#fit} returns it: {@code history.get("val_loss")}
 * lists the validation loss of each epoch.
 */
public final class History implements Callback {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private int epochs;

    /** An empty history; {@link Model#fit} fills it. */
    public History() {
    }

    /**
     * A history holding {@code values} (e.g. read back from a file): every list must have the same length, the
     * number of epochs.
     */
    public static History of(Map<String, List<Double>> values) {
        History h = new History();
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            if (!h.values.isEmpty() && e.getValue().size() != h.epochs) {
                throw new IllegalArgumentException("History: '" + e.getKey() + "' has " + e.getValue().size()
                        + " values, expected one per epoch (" + h.epochs + ")");
            }
            h.values.put(e.getKey(), new ArrayList<>(e.getValue()));
            h.epochs = e.getValue().size();
        }
        return h;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            List<Double> list = values.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            while (list.size() < epochs) {
                list.add(Double.NaN);
            }
            list.add(e.getValue());
        }
        epochs++;
    }

    /** The number of epochs recorded. */
    public int epochs() {
        return epochs;
    }

    /** The recorded names, in order of first appearance. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The values of {@code key}, one per epoch (NaN for epochs before it first appeared). */
    public List<Double> get(String key) {
        List<Double> list = values.get(key);
        if (list == null) {
            throw new IllegalArgumentException("History: no values for '" + key + "'; recorded: " + values.keySet());
        }
        return Collections.unmodifiableList(list);
    }

    /** The last epoch's value of {@code key}. */
    public double last(String key) {
        List<Double> list = get(key);
        return list.get(list.size() - 1);
    }

    /** All values by name. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
