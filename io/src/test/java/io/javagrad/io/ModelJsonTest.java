package io.javagrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelJsonTest {
    @TempDir
    Path dir;

    @Test
    void jsonRoundTripIsBitIdentical() throws IOException {
        Sequential model = TestModels.cnn(4);
        Tensor x = TestModels.images(8);
        model.fit(x, TestModels.labels(8), FitOptions.defaults().epochs(1).verbose(false));
        Path file = dir.resolve("cnn.json");
        ModelJson.save(model, file);
        Model loaded = ModelJson.load(file);
        assertArrayEquals(model.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
    }

    @Test
    void jsonIsReadable() {
        Sequential model = new Sequential(2);
        model.add(new Dense(1).setName("out"));
        model.build();
        model.getLayer("out").namedWeights().get("kernel").assign(Tensor.of(new float[] {0.1f, -2.5f}, 2, 1));
        Map<String, Object> doc = Json.parseObject(ModelJson.toJson(model));
        Map<?, ?> kernel = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc.get("weights")).get("out")).get("kernel");
        assertEquals("float32", kernel.get("dtype"));
        assertEquals(java.util.List.of(java.util.List.of(0.1), java.util.List.of(-2.5)), kernel.get("values"));
        assertTrue(ModelJson.toJson(model).contains("\n"), "pretty-printed");
    }

    @Test
    void largeModelsAreRefused() {
        Sequential model = new Sequential(1000);
        model.add(new Dense(1001));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelJson.toJson(model));
        assertTrue(e.getMessage().contains("ModelIO.save"), e.getMessage());
    }

    @Test
    void badDocumentsAreClearErrors() throws IOException {
        Sequential model = new Sequential(2);
        model.add(new Dense(1).setName("out"));
        String json = ModelJson.toJson(model);
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json.replaceFirst("\"shape\" ?: ?\\[\\s*2,\\s*1\\s*]", "\"shape\": [3, 1]"));
        IOException e = assertThrows(IOException.class, () -> ModelJson.load(file));
        assertTrue(e.getMessage().contains("out/kernel") && e.getMessage().contains(file.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelJson.fromJson("{\"format\": \"other\"}"));
    }
}
