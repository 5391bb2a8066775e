package dev.spindle.lab.report;

import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer, so the lab needs no JSON library: maps become objects (in their
 * iteration order), collections and arrays become arrays, numbers and booleans stay themselves,
 * anything else is written as a string. Non-finite doubles, which JSON cannot carry, become
 * {@code null}. Output is indented with two spaces.
 */
public final class Json {

    private Json() {}

    /** The value as indented JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Double d -> out.append(Double.isFinite(d) ? Double.toString(d) : "null");
            case Float f -> out.append(Float.isFinite(f) ? Float.toString(f) : "null");
            case Number n -> out.append(n);
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                String separator = "\n";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(separator);
                    indent(out, depth + 1);
                    string(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    write(e.getValue(), out, depth + 1);
                    separator = ",\n";
                }
                out.append('\n');
                indent(out, depth);
                out.append('}');
            }
            case Collection<?> list -> array(list.toArray(), out, depth);
            case Object[] array -> array(array, out, depth);
            case long[] array -> array(java.util.Arrays.stream(array).boxed().toArray(), out, depth);
            default -> string(value.toString(), out);
        }
    }

    private static void array(Object[] items, StringBuilder out, int depth) {
        if (items.length == 0) {
            out.append("[]");
            return;
        }
        boolean simple = java.util.Arrays.stream(items).noneMatch(i -> i instanceof Map || i instanceof Collection);
        out.append('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (simple) {
                out.append(i > 0 ? " " : "");
            } else {
                out.append('\n');
                indent(out, depth + 1);
            }
            write(items[i], out, depth + 1);
        }
        if (!simple) {
            out.append('\n');
            indent(out, depth);
        }
        out.append(']');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
}
