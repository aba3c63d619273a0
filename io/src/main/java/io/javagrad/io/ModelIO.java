package io.javagrad.io;

import io.javagrad.core.DType;
import io.javagrad.io.hdf5.H5Section;
import io.javagrad.io.hdf5.KerasH5;
import io.javagrad.io.hdf5.KerasH5Content;
import io.javagrad.layers.History;
import io.javagrad.layers.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads whole models in Keras's HDF5 layout ({@code model.save("m.h5")}), with what Javagrad needs to
 * resume training exactly stored beside it.
 *
 * <pre>
 * /                       attrs keras_version "2.13.1", backend "tensorflow", model_config, training_config
 * /model_weights/L/L/w:0  each layer's weights in Keras's order and layout (Conv2D kernels HWIO), attr weight_names
 * /javagrad/optimizer     Javagrad's optimizer config and state (step count, moments)
 * /javagrad/rng           the generator states of the model (shuffling) and its layers (dropout)
 * /javagrad/history       the latest fit's History
 * /javagrad/metadata      library and Java version, seed, creation time, user entries
 * </pre>
 *
 * <p>Loading rebuilds the model from {@code model_config} through {@link io.javagrad.layers.LayerRegistry} (never
 * by reflection), loads the weights by layer name (BatchNorm statistics included), compiles it again with the
 * saved optimizer, losses and metrics (metrics by name) when the file has a {@code training_config}, and restores
 * the optimizer state, the generators and the history: {@code fit} then continues as if it had not stopped
 * (a 2 + 2 epoch run gives bit-identical weights to a 4 epoch run). Callbacks that count epochs, such as a
 * {@code LearningRateScheduler}, count from 0 again in the new {@code fit}.
 *
 * <p>Writes are atomic (temporary file, then rename): a failure leaves the previous file intact.
 * {@code ModelIO::save} and {@code ModelIO::saveWeights} are {@link io.javagrad.layers.callbacks.ModelWriter}s
 * for {@link io.javagrad.layers.callbacks.ModelCheckpoint}. Every problem with a file is an {@link IOException}
 * naming it.
 */
public final class ModelIO {
    /** The Keras version written into files: Keras 2's HDF5 readers (tf.keras, h5py scripts) accept it. */
    public static final String KERAS_VERSION = "2.13.1";
    /** The backend written into files. */
    public static final String BACKEND = "tensorflow";
    private static final String METADATA = "metadata";

    private ModelIO() {}

    /** Saves the model (architecture, weights, compile settings, optimizer state, history, metadata). */
    public static void save(Model model, Path path) throws IOException {
        save(model, path, SaveOptions.defaults());
    }

    /** Saves the model with user metadata entries and options. */
    public static void save(Model model, Path path, SaveOptions options) throws IOException {
        buildOrFail(model, path);
        List<H5Section> extras = new ArrayList<>();
        if (model.optimizer() != null) {
            extras.add(TrainingState.optimizer(model, model.optimizer(), options.includeOptimizer()));
        }
        extras.add(TrainingState.rng(model));
        if (model.history() != null) {
            extras.add(TrainingState.history(model.history()));
        }
        extras.add(new H5Section(METADATA, Metadata.of(model, options.entries()).toJson(), List.of()));
        KerasH5.write(path, new KerasH5Content(model.modelConfig(), KERAS_VERSION, BACKEND,
                TrainingConfigs.toKeras(model), ModelWeights.toKeras(model), List.of(), extras));
    }

    /** Loads a model saved by {@link #save}. */
    public static Model load(Path path) throws IOException {
        return loadDetailed(path).model();
    }

    /** Loads a model saved by {@link #save}, with its history and metadata. */
    public static LoadedModel loadDetailed(Path path) throws IOException {
        KerasH5Content content = KerasH5.read(path);
        if (content.modelConfig() == null) {
            throw new IOException(path + " holds weights only (no model_config); build the model and use loadWeights");
        }
        try {
            Model model = Model.fromConfig(content.modelConfig());
            H5Section metadataSection = content.extra(METADATA);
            Metadata metadata = metadataSection == null ? null : Metadata.fromJson(metadataSection.json());
            if (metadata != null) {
                model.setSeed(metadata.seed());
            }
            buildOrFail(model, path);
            if (DType.FLOAT64.toString().equals(config(content).get("dtype"))) {
                model.toDtype(DType.FLOAT64);
            }
            ModelWeights.assign(model, content.layers(), path.toString());
            H5Section optimizer = content.extra(TrainingState.OPTIMIZER);
            if (content.trainingConfig() != null && optimizer != null) {
                TrainingConfigs.compile(model, content.trainingConfig(), JsonValues.object(optimizer.json(), "optimizer config"));
                TrainingState.restoreOptimizer(model, optimizer);
            }
            H5Section rng = content.extra(TrainingState.RNG);
            if (rng != null) {
                TrainingState.restoreRng(model, rng);
            }
            H5Section historySection = content.extra(TrainingState.HISTORY);
            History history = historySection == null ? null : TrainingState.readHistory(historySection);
            model.setHistory(history);
            return new LoadedModel(model, history, metadata);
        } catch (RuntimeException e) {
            throw new IOException("cannot load the model in " + path + ": " + e.getMessage(), e);
        }
    }

    /** The metadata of a saved model, or {@code null} when the file has none (not written by Javagrad). */
    public static Metadata readMetadata(Path path) throws IOException {
        H5Section section = KerasH5.read(path).extra(METADATA);
        try {
            return section == null ? null : Metadata.fromJson(section.json());
        } catch (RuntimeException e) {
            throw new IOException("bad metadata in " + path + ": " + e.getMessage(), e);
        }
    }

    /** Saves only the weights, in Keras's {@code save_weights} layout (layer groups at the root). */
    public static void saveWeights(Model model, Path path) throws IOException {
        buildOrFail(model, path);
        KerasH5.write(path, new KerasH5Content(null, KERAS_VERSION, BACKEND, null, ModelWeights.toKeras(model),
                List.of(), List.of()));
    }

    /**
     * Loads weights saved by {@link #saveWeights} or {@link #save} into {@code model}, matching layers and weights
     * by name. A {@link WeightMismatchException} lists every missing, unexpected and mis-shaped weight; then the
     * model is unchanged.
     */
    public static void loadWeights(Model model, Path path) throws IOException {
        KerasH5Content content = KerasH5.read(path);
        buildOrFail(model, path);
        ModelWeights.assign(model, content.layers(), path.toString());
    }

    private static Map<?, ?> config(KerasH5Content content) {
        Object c = content.modelConfig().get("config");
        return c instanceof Map<?, ?> m ? m : Map.of();
    }

    private static void buildOrFail(Model model, Path path) throws IOException {
        try {
            model.build();
        } catch (RuntimeException e) {
            throw new IOException("cannot build model '" + model.name() + "' for " + path + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // a hostile model_config can ask for weights of any size; the failed allocation leaves nothing behind
            throw new IOException("model '" + model.name() + "' for " + path + " is too large to build in this JVM: "
                    + e.getMessage(), e);
        }
    }
}
