package dev.spindle.lab.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workload's parameters with their values, in the workload's order: what {@link Workload#with}
 * reads to build a workload of another size.
 *
 * @param workload the workload's name, for messages
 * @param all      the parameters
 */
public record Parameters(String workload, List<Parameter> all) {

    public Parameters {
        all = List.copyOf(all);
    }

    /** The parameters of {@code workload}. */
    public static Parameters of(String workload, Parameter... all) {
        return new Parameters(workload, List.of(all));
    }

    /** The parameter with this name, if the workload has one. */
    public Optional<Parameter> named(String name) {
        return all.stream().filter(p -> p.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /**
     * These parameters with one value set from its text, as on the command line.
     *
     * @throws IllegalArgumentException if there is no such parameter or the value is not valid for it
     */
    public Parameters set(String name, String text) {
        Parameter current = named(name).orElseThrow(() -> new IllegalArgumentException(
                workload + " has no parameter '" + name + "'; its parameters: " + names()));
        List<Parameter> changed = new ArrayList<>(all);
        changed.set(all.indexOf(current), current.parse(workload, text));
        return new Parameters(workload, changed);
    }

    /** A count's value. */
    public long count(String name) {
        return require(name).value();
    }

    /** A count's value, which its bounds keep within an {@code int}. */
    public int intCount(String name) {
        return Math.toIntExact(require(name).value());
    }

    /** A flag's value. */
    public boolean flag(String name) {
        return require(name).on();
    }

    /** A duration's value. */
    public Duration duration(String name) {
        return require(name).duration();
    }

    /** Every parameter's value as a number (durations in seconds), for reports. */
    public Map<String, Number> numbers() {
        Map<String, Number> numbers = new LinkedHashMap<>();
        all.forEach(p -> numbers.put(p.name(), p.number()));
        return numbers;
    }

    /** {@code requests=64, delay=10ms}: the values as the command line writes them. */
    public String describe() {
        return String.join(", ", all.stream().map(p -> p.name() + "=" + p.text()).toList());
    }

    private String names() {
        return all.isEmpty() ? "none" : String.join(", ", all.stream().map(Parameter::name).toList());
    }

    private Parameter require(String name) {
        return named(name).orElseThrow(() -> new IllegalStateException(workload + " has no parameter " + name));
    }
}
