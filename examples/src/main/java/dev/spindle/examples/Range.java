package dev.spindle.examples;

/**
 * A half-open range of integers, {@code [start, end)}: the seeds' {@code (start, end)} tuple.
 * Unchecked on purpose, so that {@link AsCompleted} can build bad ones and watch them fail.
 *
 * @param start the first number in the range
 * @param end   the first number after it
 */
public record Range(int start, int end) implements java.io.Serializable {

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
