package io.javagrad.io.keras;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.KerasH5;
import io.javagrad.io.hdf5.KerasH5Content;
import io.javagrad.layers.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Imports models saved by Keras with {@code model.save("m.h5")} (Keras 2.x and Keras 3's legacy HDF5 format):
 * Sequential and functional models of the layers {@link #SUPPORTED_LAYERS} names.
 *
 * <pre>{@code
 * Model model = KerasImport.load(Path.of("cnn.h5"));
 * Tensor probabilities = model.predict(KerasImport.nhwcToNchw(imagesNhwc));
 * }</pre>
 *
 * <p><b>Images are NCHW.</b> Keras works on channels-last images {@code [N, H, W, C]}; the imported model, like
 * every Javagrad model, takes and produces {@code [N, C, H, W]}: its input shape is reordered, its Conv2D kernels
 * transposed (HWIO to OIHW), BatchNormalization, Softmax and Concatenate over the channels get axis 1, and the
 * Dense layer after a Flatten of an image gets its kernel rows reordered, because Keras flattens in
 * {@code (h, w, c)} order and Javagrad in {@code (c, h, w)}. Transpose NHWC data with {@link #nhwcToNchw}
 * before calling the model. Inputs that are not images (e.g. {@code [N, 28, 28]} in front of a Flatten) keep
 * their Keras shape.
 *
 * <p>Weights are paired with layers by name, and within a layer by Keras's order; a missing or extra layer,
 * weight name or shape is an error. The model is compiled when the file's {@code training_config} has a Javagrad
 * equivalent: SGD, Adam or RMSprop with a constant learning rate, one loss Javagrad knows and metrics given by
 * name (a learning-rate decay, a schedule or per-output losses leave it uncompiled; {@link Model#optimizer()}
 * tells). Keras constraints are not imported, and initializers Javagrad does not know are left at Javagrad's
 * defaults: they matter only for re-initialization.
 */
public final class KerasImport {
    /** The Keras layer classes that can be imported. */
    public static final Set<String> SUPPORTED_LAYERS = Set.copyOf(KerasConfigTranslation.SUPPORTED);

    private KerasImport() {}

    /**
     * Loads the model and its weights from a Keras {@code .h5} file; any problem (an unreadable file, an unsupported
     * layer, weights that do not fit) is an {@link IOException} naming the file.
     */
    public static Model load(Path file) throws IOException {
        KerasH5Content content = KerasH5.read(file);
        if (content.modelConfig() == null) {
            throw new IOException(file + ": no model_config; the file holds weights only (save_weights)");
        }
        try {
            KerasConfigTranslation.Result translated = KerasConfigTranslation.translate(content.modelConfig());
            Model model = Model.fromConfig(translated.modelConfig());
            model.build();
            KerasWeights.assign(model, content.layers(), translated.flattenedChannels());
            KerasTrainingConfig.compile(model, content.trainingConfig());
            return model;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("cannot import Keras model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Channels-last images {@code [N, H, W, C]} as the contiguous {@code [N, C, H, W]} an imported model takes
     * (differentiable).
     */
    public static Tensor nhwcToNchw(Tensor images) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("nhwcToNchw: expected a rank-4 tensor [N, H, W, C], got shape "
                    + Shapes.str(images.shape()));
        }
        return images.permute(0, 3, 1, 2).contiguous();
    }
}
