package io.javagrad.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JSON for model configs: parses to and writes from plain Java values ({@code Map<String, Object>} with keys
 * in file order, {@code List<Object>}, {@code String}, {@code Long} or {@code Double}, {@code Boolean},
 * {@code null}).
 *
 * <p>Input is untrusted: nesting deeper than {@link #MAX_DEPTH}, text longer than {@link #MAX_CHARS},
 * duplicate keys and anything outside the JSON grammar are rejected with an {@link IllegalArgumentException}
 * naming the line and column. Like Python's {@code json} module (which wrote the Keras configs), the literals
 * {@code NaN}, {@code Infinity} and {@code -Infinity} are accepted and written for non-finite numbers.
 *
 * <p>Output is deterministic: maps that keep an order ({@link LinkedHashMap}, {@link SortedMap}) are written
 * in that order, other maps with their keys sorted.
 */
public final class Json {
    /** Deepest nesting of arrays and objects accepted when parsing or writing. */
    public static final int MAX_DEPTH = 256;
    /** Longest text accepted by {@link #parse(String)}: 64 Mi characters. */
    public static final int MAX_CHARS = 64 << 20;

    private Json() {}

    /** Parses one JSON value. */
    public static Object parse(String text) {
        return parse(text, MAX_DEPTH, MAX_CHARS);
    }

    /** Parses a JSON text that must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("JSON: expected an object at the top level, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return (Map<String, Object>) value;
    }

    /** Parses with explicit limits. */
    static Object parse(String text, int maxDepth, int maxChars) {
        if (text.length() > maxChars) {
            throw new IllegalArgumentException("JSON: text of " + text.length() + " characters exceeds the limit of "
                    + maxChars);
        }
        return new Parser(text, maxDepth).parseDocument();
    }

    /** Compact JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, null).value(value, 0);
        return out.toString();
    }

    /** JSON text of {@code value} indented by two spaces per level. */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, "  ").value(value, 0);
        return out.toString();
    }

    private static final class Parser {
        private final String s;
        private final int maxDepth;
        private int pos;

        Parser(String s, int maxDepth) {
            this.s = s;
            this.maxDepth = maxDepth;
        }

        Object parseDocument() {
            skipSpace();
            Object v = value(0);
            skipSpace();
            if (pos < s.length()) {
                throw error("unexpected text after the value");
            }
            return v;
        }

        private Object value(int depth) {
            if (pos >= s.length()) {
                throw error("unexpected end of text");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                case 'N':
                    return literal("NaN", Double.NaN);
                case 'I':
                    return literal("Infinity", Double.POSITIVE_INFINITY);
                default:
                    if (c == '-' && s.startsWith("-Infinity", pos)) {
                        return literal("-Infinity", Double.NEGATIVE_INFINITY);
                    }
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                int keyPos = pos;
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                Object v = value(depth);
                if (map.containsKey(key)) {
                    pos = keyPos;
                    throw error("duplicate key \"" + key + "\"");
                }
                map.put(key, v);
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array(int depth) {
            checkDepth(depth);
            pos++;
            List<Object> list = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(unicodeEscape());
                    default -> {
                        pos--;
                        throw error("invalid escape '\\" + e + "'");
                    }
                }
            }
        }

        private char unicodeEscape() {
            if (pos + 4 > s.length()) {
                throw error("truncated \\u escape");
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                    throw error("invalid \\u escape");
                }
                code = code * 16 + d;
            }
            pos += 4;
            return (char) code;
        }

        private Object number() {
            int start = pos;
            boolean integral = true;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (!digits()) {
                throw error("invalid number");
            }
            if (peek() == '.') {
                pos++;
                integral = false;
                if (!digits()) {
                    throw error("invalid number: digits expected after '.'");
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                integral = false;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!digits()) {
                    throw error("invalid number: digits expected in the exponent");
                }
            }
            String text = s.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException tooLong) {
                    return Double.parseDouble(text);
                }
            }
            return Double.parseDouble(text);
        }

        private boolean digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            return pos > start;
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("invalid literal");
            }
            pos += word.length();
            return value;
        }

        private void checkDepth(int depth) {
            if (depth > maxDepth) {
                throw error("nesting deeper than " + maxDepth);
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error(pos >= s.length() ? "unexpected end of text, expected '" + c + "'" : "expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < pos && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new IllegalArgumentException("JSON: " + message + " at line " + line + " column " + column);
        }
    }

    private static final class Writer {
        private final StringBuilder out;
        private final String indent;

        Writer(StringBuilder out, String indent) {
            this.out = out;
            this.indent = indent;
        }

        void value(Object v, int depth) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof String str) {
                string(str);
            } else if (v instanceof Boolean b) {
                out.append(b.booleanValue());
            } else if (v instanceof Number n) {
                number(n);
            } else if (v instanceof Map<?, ?> m) {
                object(m, depth + 1);
            } else if (v instanceof List<?> l) {
                array(l, depth + 1);
            } else {
                throw new IllegalArgumentException("JSON: cannot write a value of type " + v.getClass().getName());
            }
        }

        private void object(Map<?, ?> map, int depth) {
            checkDepth(depth);
            Map<?, ?> ordered = map instanceof LinkedHashMap || map instanceof SortedMap ? map : sorted(map);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ordered.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(depth);
                string(key(e.getKey()));
                out.append(indent == null ? ":" : ": ");
                value(e.getValue(), depth);
            }
            if (!first) {
                newline(depth - 1);
            }
            out.append('}');
        }

        private static Map<String, ?> sorted(Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(key(e.getKey()), e.getValue());
            }
            return out;
        }

        private static String key(Object key) {
            if (key instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException("JSON: object keys must be strings, got " + key);
        }

        private void array(List<?> list, int depth) {
            checkDepth(depth);
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(depth);
                value(list.get(i), depth);
            }
            if (!list.isEmpty()) {
                newline(depth - 1);
            }
            out.append(']');
        }

        private void number(Number n) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (Double.isNaN(d)) {
                    out.append("NaN");
                } else if (Double.isInfinite(d)) {
                    out.append(d > 0 ? "Infinity" : "-Infinity");
                } else {
                    out.append(n instanceof Float f ? Float.toString(f) : Double.toString(d));
                }
            } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                    || n instanceof BigInteger || n instanceof BigDecimal) {
                out.append(n);
            } else {
                throw new IllegalArgumentException("JSON: cannot write a number of type " + n.getClass().getName());
            }
        }

        private void string(String str) {
            out.append('"');
            for (int i = 0; i < str.length(); i++) {
                char c = str.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        private void newline(int depth) {
            if (indent != null) {
                out.append('\n').append(indent.repeat(depth));
            }
        }

        private static void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("JSON: nesting deeper than " + MAX_DEPTH + " (a cycle?)");
            }
        }
    }
}
