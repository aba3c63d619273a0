package io.javagrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javagrad.io.onnx.OnnxExport;
import io.javagrad.io.onnx.OnnxReader;
import io.javagrad.io.onnx.proto.StringStringEntryProto;
import io.javagrad.layers.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataTest {
    @Test
    void toMapHasTheFixedKeysThenTheEntriesInTheirOrder() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("z", "1");
        entries.put("a", "2");
        Metadata m = new Metadata("1.2.3", "17.0.9", -5, "2024-01-01T00:00:00Z", entries);
        assertEquals(List.of(Map.entry("javagrad.version", "1.2.3"), Map.entry("java.version", "17.0.9"),
                Map.entry("javagrad.created", "2024-01-01T00:00:00Z"), Map.entry("javagrad.seed", "-5"),
                Map.entry("z", "1"), Map.entry("a", "2")), List.copyOf(m.toMap().entrySet()));
        assertEquals(List.of("z", "a"), List.copyOf(m.entries().keySet()));
    }

    @Test
    void nullEntriesAreRefused() {
        Map<String, String> entries = new HashMap<>();
        entries.put("data", null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new Metadata("1", "17", 0, "2024-01-01T00:00:00Z", entries));
        assertEquals("value of metadata entry data", e.getMessage());
    }

    @Test
    void hdf5AndOnnxFilesCarryTheSameMetadata(@TempDir Path dir) throws IOException {
        Sequential model = TestModels.mlp(42);
        SaveOptions options = SaveOptions.metadata(Map.of("data", "iris.csv")).put("script", "train.sh");
        ModelIO.save(model, dir.resolve("m.h5"), options);
        OnnxExport.save(model, dir.resolve("m.onnx"), options);
        Map<String, String> onnx = OnnxReader.read(dir.resolve("m.onnx")).getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        Map<String, String> hdf5 = ModelIO.readMetadata(dir.resolve("m.h5")).toMap();
        onnx.remove(Metadata.CREATED_KEY);
        hdf5.remove(Metadata.CREATED_KEY);
        assertEquals(hdf5, onnx);
        assertEquals("42", onnx.get(Metadata.SEED_KEY));
        assertEquals("train.sh", onnx.get("script"));
    }
}
