package io.javagrad.io.onnx;

import io.javagrad.layers.Activation;
import io.javagrad.layers.Add;
import io.javagrad.layers.Average;
import io.javagrad.layers.AvgPool2D;
import io.javagrad.layers.BatchNorm;
import io.javagrad.layers.Concatenate;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.ELU;
import io.javagrad.layers.Embedding;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.GlobalAveragePooling2D;
import io.javagrad.layers.GlobalMaxPooling2D;
import io.javagrad.layers.LayerNorm;
import io.javagrad.layers.LeakyReLU;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Maximum;
import io.javagrad.layers.Minimum;
import io.javagrad.layers.Model;
import io.javagrad.layers.MultiHeadAttention;
import io.javagrad.layers.Multiply;
import io.javagrad.layers.PositionalEncoding;
import io.javagrad.layers.RandomAffine;
import io.javagrad.layers.RandomBrightness;
import io.javagrad.layers.RandomContrast;
import io.javagrad.layers.RandomFlip;
import io.javagrad.layers.RandomRotation;
import io.javagrad.layers.RandomTranslation;
import io.javagrad.layers.RandomZoom;
import io.javagrad.layers.ReLU;
import io.javagrad.layers.Reshape;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.Softmax;
import io.javagrad.layers.Subtract;
import io.javagrad.layers.TransformerEncoderBlock;

/** Registers the exporters of the library's own layers with {@link OnnxExporters}, by Keras class name. */
final class BuiltinOnnxExporters {
    private BuiltinOnnxExporters() {}

    static void registerAll() {
        OnnxExporters.register("Dense", Dense.class, LayerExporters::dense);
        OnnxExporters.register("Flatten", Flatten.class, LayerExporters::flatten);
        OnnxExporters.register("Reshape", Reshape.class, LayerExporters::reshape);
        OnnxExporters.register("Dropout", Dropout.class, LayerExporters::identityAtInference);
        OnnxExporters.register("RandomFlip", RandomFlip.class, LayerExporters::identityAtInference);
        OnnxExporters.register("RandomRotation", RandomRotation.class, LayerExporters::identityAtInference);
        OnnxExporters.register("RandomZoom", RandomZoom.class, LayerExporters::identityAtInference);
        OnnxExporters.register("RandomTranslation", RandomTranslation.class, LayerExporters::identityAtInference);
        OnnxExporters.register("RandomBrightness", RandomBrightness.class, LayerExporters::identityAtInference);
        OnnxExporters.register("RandomContrast", RandomContrast.class, LayerExporters::identityAtInference);
        OnnxExporters.register("RandomAffine", RandomAffine.class, LayerExporters::identityAtInference);
        OnnxExporters.register("Embedding", Embedding.class, LayerExporters::embedding);
        OnnxExporters.register("Sequential", Sequential.class, LayerExporters::model);
        OnnxExporters.register("Functional", Model.class, LayerExporters::model);
        OnnxExporters.register("Conv2D", Conv2D.class, ConvExporters::conv2d);
        OnnxExporters.register("MaxPooling2D", MaxPool2D.class, ConvExporters::maxPool);
        OnnxExporters.register("AveragePooling2D", AvgPool2D.class, ConvExporters::avgPool);
        OnnxExporters.register("GlobalAveragePooling2D", GlobalAveragePooling2D.class, ConvExporters::globalAvgPool);
        OnnxExporters.register("GlobalMaxPooling2D", GlobalMaxPooling2D.class, ConvExporters::globalMaxPool);
        OnnxExporters.register("BatchNormalization", BatchNorm.class, NormalizationExporters::batchNorm);
        OnnxExporters.register("LayerNormalization", LayerNorm.class, NormalizationExporters::layerNorm);
        OnnxExporters.register("Activation", Activation.class, ActivationExporters::activation);
        OnnxExporters.register("ReLU", ReLU.class, ActivationExporters::relu);
        OnnxExporters.register("LeakyReLU", LeakyReLU.class, ActivationExporters::leakyRelu);
        OnnxExporters.register("ELU", ELU.class, ActivationExporters::elu);
        OnnxExporters.register("Softmax", Softmax.class, ActivationExporters::softmax);
        OnnxExporters.register("MultiHeadAttention", MultiHeadAttention.class, AttentionExporters::multiHeadAttention);
        OnnxExporters.register("PositionalEncoding", PositionalEncoding.class, AttentionExporters::positionalEncoding);
        OnnxExporters.register("TransformerEncoderBlock", TransformerEncoderBlock.class,
                AttentionExporters::transformerEncoderBlock);
        OnnxExporters.register("Concatenate", Concatenate.class, MergeExporters::concatenate);
        OnnxExporters.register("Add", Add.class, MergeExporters.chained("Add"));
        OnnxExporters.register("Subtract", Subtract.class, MergeExporters.chained("Sub"));
        OnnxExporters.register("Multiply", Multiply.class, MergeExporters.chained("Mul"));
        OnnxExporters.register("Average", Average.class, MergeExporters.variadic("Mean"));
        OnnxExporters.register("Maximum", Maximum.class, MergeExporters.variadic("Max"));
        OnnxExporters.register("Minimum", Minimum.class, MergeExporters.variadic("Min"));
    }
}
