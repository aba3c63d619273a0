package io.javagrad.layers;

import io.javagrad.core.BufferPool;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.layers.callbacks.ProgressBar;
import io.javagrad.layers.data.Dataset;
import io.javagrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Model#fit} run: per epoch, shuffled batches of forward (training mode), loss plus the layers'
 * penalties, backward, {@link Callback#onAfterBackward}, optimizer step, zeroGrad and metric updates, then
 * validation and the callbacks. Large shuffled batches are copied a step ahead on an idle pool thread
 * ({@link EpochBatches}). When the model and its losses are all the library's own code, each step's intermediate
 * tensors (activations and gradients) go back to a {@link BufferPool} for the next step to reuse.
 */
final class FitLoop {
    private final Model model;
    private final TrainingSetup setup;
    private final FitOptions options;
    private final List<Callback> callbacks = new ArrayList<>();
    private final History history = new History();
    /** Whether some callback has its own {@link Callback#onBatchEnd}, so that batch logs are worth building. */
    private final boolean batchLogsWanted;

    FitLoop(Model model, TrainingSetup setup, FitOptions options) {
        this.model = model;
        this.setup = setup;
        this.options = options;
        callbacks.add(history); // first, so that callbacks (a checkpoint saving the model) see the epoch in it
        callbacks.addAll(options.callbacks());
        if (options.verbose() && callbacks.stream().noneMatch(c -> c instanceof ProgressBar)) {
            callbacks.add(new ProgressBar());
        }
        batchLogsWanted = callbacks.stream().anyMatch(FitLoop::overridesOnBatchEnd);
    }

    private static boolean overridesOnBatchEnd(Callback c) {
        try {
            return c.getClass().getMethod("onBatchEnd", int.class, Map.class).getDeclaringClass() != Callback.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Callback declares onBatchEnd", e);
        }
    }

    /**
     * The data of {@code model} as a dataset, after checking the tensor counts and that all have the same number
     * of samples ({@code ys} may be {@code null} for inputs only).
     */
    static Dataset data(Model model, List<Tensor> xs, List<Tensor> ys) {
        if (xs.size() != model.inputCount()) {
            throw new IllegalArgumentException(model + ": expected " + model.inputCount() + " input tensors, got "
                    + xs.size());
        }
        if (ys != null && ys.size() != model.outputCount()) {
            throw new IllegalArgumentException(model + ": expected " + model.outputCount() + " target tensors (one per"
                    + " output), got " + ys.size());
        }
        List<Tensor> all = new ArrayList<>(xs);
        if (ys != null) {
            all.addAll(ys);
        }
        for (Tensor t : all) {
            if (t.rank() == 0 || t.shape(0) != all.get(0).shape(0)) {
                throw new IllegalArgumentException(model + ": x and y must have the same number of samples, got "
                        + describe(xs) + " for x and " + (ys == null ? "none" : describe(ys)) + " for y");
            }
        }
        if (all.get(0).shape(0) == 0) {
            throw new IllegalArgumentException(model + ": no samples (x shape " + Shapes.str(xs.get(0).shape()) + ")");
        }
        return new Dataset(xs, ys == null ? List.of() : ys);
    }

    private static String describe(List<Tensor> ts) {
        List<String> s = new ArrayList<>();
        for (Tensor t : ts) {
            s.add((t.rank() == 0 ? 0 : t.shape(0)) + " samples (shape " + Shapes.str(t.shape()) + ")");
        }
        return String.join(", ", s);
    }

    History run(List<Tensor> xs, List<Tensor> ys) {
        Dataset all = data(model, xs, ys);
        Dataset train = all;
        Dataset validation = options.validationData();
        if (validation == null && options.validationSplit() > 0) {
            Dataset.Split split = all.split(options.validationSplit());
            train = split.train();
            validation = split.validation();
        }
        if (validation != null) {
            validation = data(model, validation.xs(), validation.ys());
        }
        if (options.classWeights() != null) {
            if (model.outputCount() != 1) {
                throw new IllegalArgumentException(model + ": class weights need a single-output model, this one has "
                        + model.outputCount() + " outputs");
            }
            List<Tensor> targets = new ArrayList<>(train.ys());
            targets.add(ClassWeights.sampleWeights(options.classWeights(), train.y()));
            train = new Dataset(train.xs(), targets);
        }
        return train(train, validation);
    }

    private History train(Dataset train, Dataset validation) {
        try (BufferPool pool = reusesStepStorage() ? BufferPool.open() : null) {
            return train(train, validation, pool);
        }
    }

    /**
     * Whether no code but the library's touches a step's intermediate tensors, so that none is kept past the step:
     * the model's layers and regularizers ({@link Layer#isLibraryCode}) and the losses. Metrics read only the
     * model's outputs, which are kept.
     */
    private boolean reusesStepStorage() {
        if (!model.isLibraryCode()) {
            return false;
        }
        for (Loss loss : setup.losses()) {
            if (loss != null && !Layer.isLibraryClass(loss)) {
                return false;
            }
        }
        return true;
    }

    private History train(Dataset train, Dataset validation, BufferPool pool) {
        model.resetStopTraining();
        model.setHistory(history);
        TrainingContext context = new TrainingContext(model, options.epochs(), train.size());
        callbacks.forEach(c -> c.onTrainBegin(context));
        Map<String, Double> logs = new LinkedHashMap<>();
        boolean firstStep = true;
        for (int epoch = 0; epoch < options.epochs() && !model.isStopTrainingRequested(); epoch++) {
            BatchSizeSchedule schedule = options.batchSizeSchedule();
            int batchSize = schedule == null ? options.batchSize() : schedule.batchSize(epoch, options.batchSize());
            FitOptions.checkBatchSize(batchSize);
            context.startEpoch(epoch, train.numBatches(batchSize), batchSize);
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch);
            }
            setup.resetMetrics();
            LossTotals totals = new LossTotals(model.outputCount());
            int step = 0;
            EpochBatches batches = new EpochBatches(train, batchSize, options, model.shuffleRng());
            while (batches.hasNext()) {
                Dataset.Batch batch = batches.next();
                for (Callback c : callbacks) {
                    c.onBatchBegin(step);
                }
                TrainingSetup.Terms terms = trainStep(batch, batches, step, firstStep, pool);
                firstStep = false;
                totals.add(terms, batch.size());
                if (batchLogsWanted) {
                    Map<String, Double> batchLogs = totals.logs(setup, model.outputNames());
                    batchLogs.put("batch_loss", terms.total().item());
                    for (Callback c : callbacks) {
                        c.onBatchEnd(step, batchLogs);
                    }
                }
                step++;
                if (model.isStopTrainingRequested()) {
                    break;
                }
            }
            logs = totals.logs(setup, model.outputNames());
            if (validation != null) {
                for (Map.Entry<String, Double> e : Evaluation.evaluate(model, setup, validation, batchSize).entrySet()) {
                    logs.put("val_" + e.getKey(), e.getValue());
                }
            }
            logs.put("learning_rate", setup.optimizer().learningRate());
            if (schedule != null) {
                logs.put("batch_size", (double) batchSize);
            }
            for (Callback c : callbacks) {
                c.onEpochLogs(epoch, logs);
            }
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, logs);
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(logs);
        }
        return history;
    }

    private TrainingSetup.Terms trainStep(Dataset.Batch batch, EpochBatches batches, int step, boolean firstStep,
                                          BufferPool pool) {
        int outputs = model.outputCount();
        List<Tensor> ys = batch.ys().subList(0, outputs);
        Tensor sampleWeight = batch.ys().size() > outputs ? batch.ys().get(outputs) : null;
        List<Tensor> preds = model.callAll(batch.xs(), true);
        batches.prefetch(); // overlaps the next batch's copy with the loss and the output layer's backward
        TrainingSetup.Terms terms = setup.compute(model, ys, preds, sampleWeight);
        Optimizer optimizer = setup.optimizer();
        List<Tensor> params = model.trainableParameters();
        if (!optimizer.optimizes(params)) {
            optimizer.setParameters(params);
        }
        if (firstStep) {
            optimizer.zeroGrad();
        }
        if (terms.total().requiresGrad()) {
            terms.total().backward();
            for (Callback c : callbacks) {
                c.onAfterBackward(step);
            }
            optimizer.step();
            optimizer.zeroGrad();
        }
        setup.updateMetrics(ys, preds);
        if (pool != null) {
            pool.endStep(terms.total(), keptAfterStep(preds));
        }
        return terms;
    }

    /**
     * The step's tensors that outlive it: the model's outputs (a metric may keep them) with the logits of softmax
     * outputs, and the activity penalties ({@link Layer#losses}).
     */
    private List<Tensor> keptAfterStep(List<Tensor> preds) {
        List<Tensor> kept = new ArrayList<>(preds);
        for (Tensor p : preds) {
            if (p.softmaxLogits() != null) {
                kept.add(p.softmaxLogits());
            }
        }
        model.collectActivityPenalties(kept);
        return kept;
    }
}
