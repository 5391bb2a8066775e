package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;

import java.io.Serializable;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Non-thread-safe legacy code made parallel: amounts formatted by one <em>static</em>
 * {@link DecimalFormat}, as code bases written before threads keep a formatter in a constant.
 * {@code DecimalFormat} is not thread-safe (its Javadoc says so). With a pattern of at most three
 * decimals, such as this one's {@code #,##0.###}, it formats a {@code double} on a fast path whose
 * buffers every caller shares: two threads formatting at once print into the same characters,
 * and each may return the other's digits. (Its general path locks its digit list, which is why
 * such code can run for years on threads before a pattern change breaks it.)
 * <ul>
 *   <li>On threads, the tasks share the one formatter and some amounts come out wrong: the check
 *       finds them and the configuration fails, naming how many.</li>
 *   <li>On isolated workers ({@code --strategies isolated}), each worker's class loader has its
 *       own copy of the legacy class, and so its own formatter: correct, and parallel, with the
 *       legacy code unchanged.</li>
 *   <li>Under {@code gil} it is correct too, but not parallel: one thread runs at a time, and the
 *       GIL switches only between amounts.</li>
 * </ul>
 * Each task formats its share of the amounts and compares every line with the same amount
 * written out by hand (digits, grouping commas, the cents without trailing zeros), counting those that differ; the
 * check wants none.
 *
 * @param amounts how many amounts in all
 * @param tasks   how many tasks share them
 */
public record LegacyFormatWorkload(int amounts, int tasks) implements Workload<LegacyFormatWorkload.Result> {

    private static final int BLOCK = 256;

    /** The legacy code: one formatter for the whole program. Not thread-safe, and never was. */
    static final class Ledger {
        private static final DecimalFormat MONEY = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));

        private Ledger() {}

        static String format(long cents) {
            return MONEY.format(cents / 100.0);
        }
    }

    /**
     * One task's count.
     *
     * @param formatted how many amounts it formatted
     * @param wrong     how many of them came out wrong
     * @param example   the first wrong line and what it should have been, or empty
     */
    public record Part(long formatted, long wrong, String example) implements Serializable {}

    /** @param parts one per task, in task order */
    public record Result(List<Part> parts) implements Serializable {}

    public LegacyFormatWorkload {
        if (tasks < 1 || amounts < tasks) {
            throw new IllegalArgumentException("legacy-format needs tasks >= 1 and amounts >= tasks, was amounts=" + amounts
                    + ", tasks=" + tasks);
        }
    }

    @Override
    public String name() {
        return "legacy-format";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("amounts", amounts, 1, Integer.MAX_VALUE, "amounts to format in all"),
                Parameter.count("tasks", tasks, 1, Integer.MAX_VALUE, "tasks that share them"));
    }

    @Override
    public LegacyFormatWorkload with(Parameters p) {
        return new LegacyFormatWorkload(p.intCount("amounts"), p.intCount("tasks"));
    }

    @Override
    public String summary() {
        return String.format("%,d amounts formatted by one static java.text.DecimalFormat (not thread-safe) in %d tasks:"
                + " wrong on threads, right when isolated", amounts, tasks);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public boolean runsOnCopies() {
        return true;
    }

    @Override
    public Result execute(Pool pool) {
        int perTask = amounts / tasks;
        int extra = amounts % tasks;
        List<Part> parts = pool.map(t -> {
            int from = t * perTask + Math.min(t, extra);
            return formatAll(from, from + perTask + (t < extra ? 1 : 0));
        }, IntStream.range(0, tasks).boxed(), InFlight.all(tasks)).toList();
        return new Result(parts);
    }

    /** Formats amounts number {@code from} (inclusive) to {@code to} through the legacy formatter. */
    static Part formatAll(int from, int to) {
        long wrong = 0;
        String example = "";
        for (int block = from; block < to; block += BLOCK) {
            for (int i = block; i < Math.min(to, block + BLOCK); i++) {
                long cents = amount(i);
                String line = Ledger.format(cents);
                String expected = byHand(cents);
                if (!line.equals(expected)) {
                    if (wrong++ == 0) {
                        example = line + " for " + expected;
                    }
                }
            }
            Gil.checkpoint();
        }
        return new Part(to - from, wrong, example);
    }

    /** The i-th amount, in cents: spread over 0.00 to 9,999,999.99, so that lines differ in length. */
    static long amount(int i) {
        return Math.floorMod(i * 0x9E3779B97F4A7C15L, 1_000_000_000L) >>> (i % 7 * 4);
    }

    /** The amount as the pattern {@code #,##0.###} writes it, without a formatter: 1,234.5 for 123450 cents. */
    static String byHand(long cents) {
        String units = Long.toString(cents / 100);
        StringBuilder s = new StringBuilder(units.length() + units.length() / 3 + 3);
        for (int i = 0; i < units.length(); i++) {
            if (i > 0 && (units.length() - i) % 3 == 0) {
                s.append(',');
            }
            s.append(units.charAt(i));
        }
        long fraction = cents % 100;
        if (fraction != 0) {
            s.append('.').append(fraction / 10);
            if (fraction % 10 != 0) {
                s.append(fraction % 10);
            }
        }
        return s.toString();
    }

    @Override
    public Verdict verify(Result result) {
        long formatted = result.parts().stream().mapToLong(Part::formatted).sum();
        long wrong = result.parts().stream().mapToLong(Part::wrong).sum();
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("formatted", formatted);
        findings.put("wrong", wrong);
        if (result.parts().size() != tasks || formatted != amounts) {
            return Verdict.fail(String.format("expected %,d amounts in %d parts, got %,d in %d", amounts, tasks, formatted,
                    result.parts().size()), findings);
        }
        if (wrong > 0) {
            String example = result.parts().stream().map(Part::example).filter(e -> !e.isEmpty()).findFirst().orElse("");
            return Verdict.fail(String.format("%,d of %,d amounts wrong (such as %s): the static DecimalFormat is not thread-safe;"
                    + " isolated workers give each worker its own", wrong, formatted, example), findings);
        }
        return Verdict.pass(String.format("%,d amounts, every one right", formatted), findings);
    }
}
