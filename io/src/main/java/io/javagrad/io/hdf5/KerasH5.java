package io.javagrad.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the Keras legacy HDF5 layout ({@code model.save("m.h5")} and {@code save_weights}):
 * <pre>
 * /                          attrs keras_version, backend, model_config, training_config
 * /model_weights             attrs layer_names, backend, keras_version
 * /model_weights/L           attr weight_names (paths relative to this group, e.g. "L/kernel:0")
 * /optimizer_weights         attr weight_names
 * /javagrad/S                attr (or dataset) json; group tensors with attr weight_names
 * </pre>
 * A weights-only file (no model config) has {@code layer_names} and the layer groups at the root.
 * This class knows the layout only; turning configs and weights into layers is the model loader's work.
 */
public final class KerasH5 {
    private static final String EXTRAS = "javagrad";

    private KerasH5() {}

    /** Reads a Keras HDF5 file; any problem is an {@link IOException} naming the file and the part. */
    public static KerasH5Content read(Path path) throws IOException {
        return Hdf5Files.read(path, KerasH5::read);
    }

    /** Writes {@code content} to {@code path} atomically. */
    public static void write(Path path, KerasH5Content content) throws IOException {
        Objects.requireNonNull(content.kerasVersion(), "keras_version is required (Keras reads files without it as Keras 1)");
        Objects.requireNonNull(content.backend(), "backend");
        if (content.modelConfig() == null && content.trainingConfig() != null) {
            throw new IllegalArgumentException("a training config needs a model config (weights-only files have none)");
        }
        Hdf5Files.writeAtomically(path, file -> write(file, content));
    }

    private static KerasH5Content read(HdfFile file) throws IOException {
        Map<String, Object> modelConfig = jsonObject(file, "model_config");
        Map<String, Object> trainingConfig = jsonObject(file, "training_config");
        Node modelWeights = file.getChildren().get("model_weights");
        Group weightsRoot;
        if (modelWeights instanceof Group g) {
            weightsRoot = g;
        } else if (!Hdf5Read.strings(file, "layer_names").isEmpty()) {
            weightsRoot = file;
        } else {
            throw new IOException("no 'model_weights' group and no 'layer_names' attribute: not a Keras HDF5 file");
        }
        String kerasVersion = Hdf5Read.string(file, "keras_version");
        String backend = Hdf5Read.string(file, "backend");
        List<LayerWeights> layers = new ArrayList<>();
        for (String name : unique(Hdf5Read.strings(weightsRoot, "layer_names"), "layer_names")) {
            layers.add(new LayerWeights(name, tensors(Hdf5Read.group(weightsRoot, name))));
        }
        Node optimizer = file.getChildren().get("optimizer_weights");
        List<NamedTensor> optimizerWeights = optimizer instanceof Group g ? tensors(g) : List.of();
        return new KerasH5Content(modelConfig, kerasVersion != null ? kerasVersion : Hdf5Read.string(weightsRoot, "keras_version"),
                backend != null ? backend : Hdf5Read.string(weightsRoot, "backend"), trainingConfig, layers,
                optimizerWeights, extras(file));
    }

    private static List<H5Section> extras(HdfFile file) throws IOException {
        Node extras = file.getChildren().get(EXTRAS);
        if (!(extras instanceof Group group)) {
            return List.of();
        }
        List<H5Section> sections = new ArrayList<>();
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group section) {
                Node tensors = section.getChildren().get("tensors");
                sections.add(new H5Section(section.getName(), Hdf5Read.json(section, "json"),
                        tensors instanceof Group g ? tensors(g) : List.of()));
            }
        }
        return sections;
    }

    /** The datasets listed in the {@code weight_names} attribute of {@code group}, in that order. */
    private static List<NamedTensor> tensors(Group group) throws IOException {
        List<NamedTensor> out = new ArrayList<>();
        for (String name : unique(Hdf5Read.strings(group, "weight_names"), "weight_names of '" + group.getPath() + "'")) {
            if (!(Hdf5Read.node(group, name) instanceof Dataset ds)) {
                throw new IOException("weight '" + name + "' of '" + group.getPath() + "' is not a dataset");
            }
            out.add(new NamedTensor(name, Hdf5Read.tensor(ds)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(Group group, String name) throws IOException {
        Object json = Hdf5Read.json(group, name);
        if (json == null || json instanceof Map) {
            return (Map<String, Object>) json;
        }
        throw new IOException("'" + name + "' is not a JSON object");
    }

    private static List<String> unique(List<String> names, String what) throws IOException {
        if (new HashSet<>(names).size() != names.size()) {
            throw new IOException(what + " lists a name twice: " + names);
        }
        return names;
    }

    private static void write(WritableGroup file, KerasH5Content content) {
        file.putAttribute("keras_version", content.kerasVersion());
        file.putAttribute("backend", content.backend());
        WritableGroup weightsRoot = file;
        if (content.modelConfig() != null) {
            Hdf5Write.json(file, "model_config", content.modelConfig());
            if (content.trainingConfig() != null) {
                Hdf5Write.json(file, "training_config", content.trainingConfig());
            }
            weightsRoot = file.putGroup("model_weights");
            weightsRoot.putAttribute("keras_version", content.kerasVersion());
            weightsRoot.putAttribute("backend", content.backend());
        }
        List<String> layerNames = content.layers().stream().map(LayerWeights::layerName).toList();
        Hdf5Write.strings(weightsRoot, "layer_names", layerNames);
        for (LayerWeights layer : content.layers()) {
            writeTensors(Hdf5Write.groups(weightsRoot, layer.layerName()), layer.weights());
        }
        if (!content.optimizerWeights().isEmpty()) {
            writeTensors(file.putGroup("optimizer_weights"), content.optimizerWeights());
        }
        if (!content.extras().isEmpty()) {
            WritableGroup extras = file.putGroup(EXTRAS);
            for (H5Section section : content.extras()) {
                WritableGroup group = Hdf5Write.groups(extras, section.name());
                if (section.json() != null) {
                    Hdf5Write.json(group, "json", section.json());
                }
                if (!section.tensors().isEmpty()) {
                    writeTensors(group.putGroup("tensors"), section.tensors());
                }
            }
        }
    }

    private static void writeTensors(WritableGroup group, List<NamedTensor> tensors) {
        Hdf5Write.strings(group, "weight_names", tensors.stream().map(NamedTensor::name).toList());
        for (NamedTensor t : tensors) {
            Hdf5Write.tensor(group, t.name(), t.value());
        }
    }
}
