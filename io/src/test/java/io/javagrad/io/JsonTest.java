package io.javagrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesAllValueKindsWithKeysInFileOrder() {
        Map<String, Object> m = Json.parseObject(
                "{\"z\": 1, \"a\": [true, false, null], \"f\": -2.5e-3, \"s\": \"x\\\"\\\\\\n\\u00e9\\ud83d\\ude00\", \"o\": {}}");
        assertEquals(List.of("z", "a", "f", "s", "o"), new ArrayList<>(m.keySet()));
        assertEquals(1L, m.get("z"));
        assertEquals(Arrays.asList(true, false, null), m.get("a"));
        assertEquals(-2.5e-3, m.get("f"));
        assertEquals("x\"\\\n\u00e9\ud83d\ude00", m.get("s"));
        assertEquals(Map.of(), m.get("o"));
    }

    @Test
    void wholeNumbersAreLongsOthersDoubles() {
        assertEquals(784L, Json.parse("784"));
        assertEquals(-0L, Json.parse("-0"));
        assertEquals(1.0, Json.parse("1.0"));
        assertEquals(1e3, Json.parse("1e3"));
        assertEquals(1e20, Json.parse("100000000000000000000"));
        assertEquals(Double.NaN, Json.parse("NaN"));
        assertEquals(Double.NEGATIVE_INFINITY, Json.parse("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, Json.parse("Infinity"));
    }

    @Test
    void writesCompactAndPrettyText() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "dense");
        m.put("units", 10);
        m.put("rate", 0.1f);
        m.put("shape", Arrays.asList(null, 28L));
        m.put("empty", List.of());
        m.put("nested", Map.of());
        m.put("bad", Double.NaN);
        assertEquals("{\"name\":\"dense\",\"units\":10,\"rate\":0.1,\"shape\":[null,28],\"empty\":[],\"nested\":{},\"bad\":NaN}",
                Json.write(m));
        assertEquals("{\n  \"name\": \"dense\",\n  \"units\": 10,\n  \"rate\": 0.1,\n  \"shape\": [\n    null,\n    28\n  ],\n"
                + "  \"empty\": [],\n  \"nested\": {},\n  \"bad\": NaN\n}", Json.writePretty(m));
    }

    @Test
    void unorderedMapsAreWrittenWithSortedKeys() {
        Map<String, Object> m = new HashMap<>();
        for (String k : List.of("units", "activation", "name", "b", "a")) {
            m.put(k, 1);
        }
        assertEquals("{\"a\":1,\"activation\":1,\"b\":1,\"name\":1,\"units\":1}", Json.write(m));
    }

    @Test
    void roundTripsValuesExactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("d", 0.1 + 0.2);
        m.put("tiny", 4.9e-324);
        m.put("big", Long.MAX_VALUE);
        m.put("ctl", "\u0001\t\r\b");
        m.put("list", List.of(Map.of("k", List.of())));
        assertEquals(m, Json.parse(Json.write(m)));
        assertEquals(m, Json.parse(Json.writePretty(m)));
    }

    @Test
    void rejectsMalformedTextWithPosition() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", "\"abc", "tru", "{'a':1}",
                "[1 2]", "{\"a\" 1}", "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "1 2", "{\"a\":1}}", "nan")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("JSON: ") && e.getMessage().contains(" at line "), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"a\": 2}"));
        assertTrue(e.getMessage().contains("duplicate key \"a\" at line 3 column 3"), e.getMessage());
    }

    @Test
    void parseObjectRejectsOtherTopLevelValues() {
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("null"));
    }

    @Test
    void hostileNestingAndSizeAreRejectedBeforeTheStackOrHeapSuffers() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than " + Json.MAX_DEPTH), e.getMessage());
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object v = Json.parse(ok);
        int depth = 1;
        while (v instanceof List<?> l && !l.isEmpty()) {
            v = l.get(0);
            depth++;
        }
        assertEquals(Json.MAX_DEPTH, depth);
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[" + ok + "]"));
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2, 3]", 10, 8));
        assertTrue(e.getMessage().contains("exceeds the limit of 8"), e.getMessage());
    }

    @Test
    void writingRejectsCyclesForeignTypesAndNonStringKeys() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class, () -> Json.write(cycle));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new java.util.concurrent.atomic.AtomicInteger(1)));
    }
}
