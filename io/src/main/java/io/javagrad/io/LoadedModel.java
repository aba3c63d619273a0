package io.javagrad.io;

import io.javagrad.layers.History;
import io.javagrad.layers.Model;

/**
 * A model read by {@link ModelIO#loadDetailed}, with what the file says besides.
 *
 * @param model    the rebuilt model with its weights, compiled (optimizer state restored) when the file was
 * @param history  the saved training history, or {@code null} (also available as {@code model.history()})
 * @param metadata the saved metadata, or {@code null} for files not written by Javagrad
 */
public record LoadedModel(Model model, History history, Metadata metadata) {}
