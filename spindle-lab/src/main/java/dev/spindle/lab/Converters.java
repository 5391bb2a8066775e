package dev.spindle.lab;

import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.workload.Workloads;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lab's option parsers: each rejects a bad value with a message that names it. */
final class Converters {

    private Converters() {}

    /** A workload's name, checked against the catalogue; the lab sizes it after reading every {@code --param}. */
    static final class WorkloadName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return Workloads.named(value).orElseThrow(() -> new TypeConversionException(
                    "unknown workload '" + value + "'; valid: " + String.join(", ", Workloads.names()))).name();
        }
    }

    static final class StrategyName implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            return Strategy.named(value).orElseThrow(() -> new TypeConversionException(
                    "unknown strategy '" + value + "'; valid: " + String.join(", ", Strategy.names())));
        }
    }

    /** A whole number of at least one (a worker count, a number of repeats). */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = whole(value);
            if (n < 1) {
                throw new TypeConversionException("must be at least 1, was " + n);
            }
            return n;
        }
    }

    /** A whole number of at least zero (warm-ups). */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = whole(value);
            if (n < 0) {
                throw new TypeConversionException("must be 0 or more, was " + n);
            }
            return n;
        }
    }

    private static int whole(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }

    /**
     * A switch interval: a number with an optional unit, {@code ms} if none ({@code 5},
     * {@code 0.5ms}, {@code 200us}, {@code 0.005s}); positive and at most a minute.
     */
    static final class Interval implements ITypeConverter<Duration> {

        private static final Pattern FORMAT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORMAT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration; write a positive number with a unit: 5ms, 500us, 0.01s");
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            double nanos = amount * switch (unit) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                default -> 1e9;
            };
            if (nanos < 1 || nanos > Duration.ofMinutes(1).toNanos()) {
                throw new TypeConversionException("switch interval must be positive and at most 1 minute, was '" + value + "'");
            }
            return Gil.requireValidInterval(Duration.ofNanos(Math.round(nanos)));
        }
    }
}
