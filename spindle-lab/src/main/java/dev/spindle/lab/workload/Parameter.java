package dev.spindle.lab.workload;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One size of a workload that the command line may set, as {@code --param fetch.requests=10000},
 * with its current value. Counts are whole numbers; durations are held in nanoseconds and written
 * with a unit. Every value is checked against the parameter's bounds where it is parsed, and a bad
 * one is refused with a message that names the parameter and the value.
 *
 * @param name    the name after the workload's: {@code requests} in {@code fetch.requests}
 * @param unit    how the value is read and written
 * @param value   the current value: a count, or a duration in nanoseconds
 * @param min     the smallest value allowed
 * @param max     the largest value allowed
 * @param summary one line: what the value sets
 */
public record Parameter(String name, Unit unit, long value, long min, long max, String summary) {

    /** How a parameter's value is read and written. */
    public enum Unit {
        /** A whole number; {@code 10000}, {@code 10_000}, {@code 10k} and {@code 1M} are read alike, and {@code 5G} is 5·10⁹. */
        COUNT,
        /** A time with a unit: {@code 100ms}, {@code 1s}, {@code 500us}; a bare number is milliseconds. */
        DURATION,
        /** On or off: {@code on}/{@code off}, {@code true}/{@code false}, {@code yes}/{@code no}, {@code 1}/{@code 0}; a number 1 or 0 in reports. */
        FLAG
    }

    private static final Pattern COUNT = Pattern.compile("(-?[0-9][0-9_,]*)([kKMG]?)");
    private static final Pattern DURATION = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m)?");

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(summary, "summary");
        if (min > max) {
            throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
        }
        requireWithin(name, unit, value, min, max);
    }

    /** A count parameter with this value, at least {@code min} and at most {@code max}. */
    public static Parameter count(String name, long value, long min, long max, String summary) {
        return new Parameter(name, Unit.COUNT, value, min, max, summary);
    }

    /** A duration parameter with this value, between {@code min} and {@code max}. */
    public static Parameter duration(String name, Duration value, Duration min, Duration max, String summary) {
        return new Parameter(name, Unit.DURATION, value.toNanos(), min.toNanos(), max.toNanos(), summary);
    }

    /** A flag parameter, on or off. */
    public static Parameter flag(String name, boolean value, String summary) {
        return new Parameter(name, Unit.FLAG, value ? 1 : 0, 0, 1, summary);
    }

    /** The value of a flag. */
    public boolean on() {
        return value != 0;
    }

    /** This parameter with the value written as {@code text}, as on the command line. */
    public Parameter parse(String workload, String text) {
        long parsed = switch (unit) {
            case COUNT -> parseCount(workload + "." + name, text);
            case DURATION -> parseDuration(workload + "." + name, text).toNanos();
            case FLAG -> parseFlag(workload + "." + name, text);
        };
        return new Parameter(name, unit, requireWithin(workload + "." + name, unit, parsed, min, max), min, max, summary);
    }

    /** The value as a duration. */
    public Duration duration() {
        return Duration.ofNanos(value);
    }

    /** The value as a number for reports: a count as it is, a duration in seconds, a flag 1 or 0. */
    public Number number() {
        return unit == Unit.DURATION ? (Number) (value / 1e9) : (Number) value;
    }

    /** The value as it would be written on the command line. */
    public String text() {
        return switch (unit) {
            case COUNT -> Long.toString(value);
            case DURATION -> readable(value);
            case FLAG -> value != 0 ? "on" : "off";
        };
    }

    /** {@code 5ms}, {@code 500us}, {@code 1s}: the largest unit that shows {@code nanos} exactly. */
    public static String readable(long nanos) {
        if (nanos != 0 && nanos % 1_000_000_000 == 0) {
            return nanos / 1_000_000_000 + "s";
        }
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        return nanos % 1_000 == 0 ? nanos / 1_000 + "us" : nanos + "ns";
    }

    /**
     * Reads a duration: a number with an optional unit ({@code ns}, {@code us}, {@code ms},
     * {@code s}, {@code m}), milliseconds if none.
     *
     * @param what what the value is for, named in the error
     * @throws IllegalArgumentException naming {@code what} and the text, if it is not a duration
     */
    public static Duration parseDuration(String what, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a duration such as 100ms, 500us or 1s, was '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        double nanos = amount * switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
        };
        if (Math.abs(nanos) > Long.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException(what + " is too long, was '" + text + "'");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static long parseFlag(String what, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> 1;
            case "off", "false", "no", "0" -> 0;
            default -> throw new IllegalArgumentException(what + " must be on or off, was '" + text + "'");
        };
    }

    private static long parseCount(String what, String text) {
        Matcher m = COUNT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a whole number such as 10000, 10k or 1M, was '" + text + "'");
        }
        long multiplier = switch (m.group(2)) {
            case "k", "K" -> 1_000;
            case "M" -> 1_000_000;
            case "G" -> 1_000_000_000;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1).replace("_", "").replace(",", "")), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " is too large, was '" + text + "'");
        }
    }

    private static long requireWithin(String what, Unit unit, long value, long min, long max) {
        if (value < min || value > max) {
            String shown = unit == Unit.DURATION ? readable(value) : Long.toString(value);
            String lo = unit == Unit.DURATION ? readable(min) : Long.toString(min);
            String hi = unit == Unit.DURATION ? readable(max) : Long.toString(max);
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %s and %s, was %s", what, lo, hi, shown));
        }
        return value;
    }
}
