package dev.spindle.lab.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The check of one execution: passed or not, a one-line summary for the table, and the findings
 * (named figures, in order) for the JSON report.
 *
 * @param passed   whether the result is right
 * @param summary  one line: what was checked and found, or what is wrong
 * @param findings named values (numbers, strings, booleans, lists of these), in a stable order
 */
public record Verdict(boolean passed, String summary, Map<String, Object> findings) {

    public Verdict {
        Objects.requireNonNull(summary, "summary");
        findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    public static Verdict pass(String summary, Map<String, Object> findings) {
        return new Verdict(true, summary, findings);
    }

    public static Verdict fail(String summary, Map<String, Object> findings) {
        return new Verdict(false, summary, findings);
    }
}
