package dev.spindle.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text, as {@link Json} writes it, back into maps (in document order), lists,
 * strings, {@code Long}s (whole numbers), {@code Double}s, booleans and {@code null}: enough to
 * read a saved lab report without a JSON library.
 */
final class JsonReader {

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * The value that {@code text} holds.
     *
     * @throws IllegalArgumentException naming the line and column of the first mistake
     */
    static Object read(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipBlanks();
        if (reader.pos < text.length()) {
            throw reader.mistake("nothing after the value");
        }
        return value;
    }

    private Object value() {
        skipBlanks();
        if (pos >= text.length()) {
            throw mistake("a value");
        }
        return switch (text.charAt(pos)) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        pos++;
        if (consume('}')) {
            return object;
        }
        do {
            skipBlanks();
            String key = string();
            require(':');
            object.put(key, value());
        } while (consume(','));
        require('}');
        return object;
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        pos++;
        if (consume(']')) {
            return array;
        }
        do {
            array.add(value());
        } while (consume(','));
        require(']');
        return array;
    }

    private String string() {
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw mistake("a string");
        }
        StringBuilder s = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw mistake("four hexadecimal digits");
                    }
                    s.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                    pos += 4;
                }
                default -> s.append(escaped); // \" \\ \/
            }
        }
        throw mistake("the end of the string");
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw mistake("a value");
        }
        pos += word.length();
        return value;
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String digits = text.substring(start, pos);
        try {
            if (digits.matches("-?\\d{1,18}")) {
                return Long.parseLong(digits);
            }
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            pos = start;
            throw mistake("a value");
        }
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void require(char c) {
        if (!consume(c)) {
            throw mistake("'" + c + "'");
        }
    }

    private IllegalArgumentException mistake(String expected) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IllegalArgumentException("not valid JSON at line " + line + ", column " + column + ": expected " + expected);
    }
}
