package dev.spindle.lab.workload;

import dev.spindle.MapFailedException;
import dev.spindle.MapOptions;
import dev.spindle.Pool;
import dev.spindle.lab.strategy.Strategy;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collector;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A group-by over a CSV larger than memory (the seeds' Dask exercise: "simulate a large CSV
 * dataset and perform a group-by aggregation in parallel", with {@code df[df.value > 100]}): the
 * count, sum and mean of the values per category, of all lines and of those above 100.00.
 *
 * <h2>How the work is cut</h2>
 * The file ({@link SalesCsv}, generated once per size) is cut into {@code chunks} byte ranges. A
 * line belongs to the range that holds its first byte: a task that starts inside a line skips to
 * the next, and a task reads past its end to finish its last line. Each task opens the file
 * itself (so it runs in a worker JVM as well as in a thread), reads its range through a 256 KiB
 * buffer, parses bytes without making a string per line, and returns a partial aggregate of
 * sixteen categories; the partial aggregates are added up. Memory stays bounded whatever the
 * file's size: one buffer and one small aggregate per task in flight.
 *
 * <h2>The reader to compare with</h2>
 * {@code groupby-lines} does the same aggregation with {@code Files.lines(file).parallel()} and a
 * collector: the JDK's own parallel streams, on the common fork/join pool whatever the strategy, so
 * it runs on the {@code sequential} row only. {@code groupby}'s own {@code sequential} row is the
 * sequential reader.
 *
 * <h2>Malformed lines</h2>
 * A line that is not {@code cat-NN,D.CC} stops the run with its line number, unless
 * {@code skipMalformed} is on: then such lines are counted, and the first one's number is
 * reported. A task knows only line numbers within its range; the numbers are made global from the
 * line counts of the ranges before it. Verified against the generator's answer.
 *
 * @param bytes         the CSV's size
 * @param chunks        byte ranges (tasks)
 * @param skipMalformed whether a malformed line is skipped (counted) rather than ending the run
 * @param linesReader   whether this is {@code groupby-lines}: {@code Files.lines().parallel()}
 */
public record GroupByWorkload(long bytes, int chunks, boolean skipMalformed, boolean linesReader)
        implements Workload<GroupByWorkload.Result> {

    /** The filter: values above 100.00. */
    static final long THRESHOLD_CENTS = 10_000;
    private static final int BUFFER = 256 * 1024;
    private static final int MAX_LINE = 64;

    /**
     * @param aggregate  the merged aggregate
     * @param lines      data lines read (the header not counted)
     * @param malformed  malformed lines skipped
     * @param firstMalformed the first malformed line's number in the file, or -1
     */
    public record Result(SalesCsv.Aggregate aggregate, long lines, long malformed, long firstMalformed) implements Serializable {}

    /** What one range gave: its aggregate, its lines (the header included), its malformed lines. */
    record Partial(SalesCsv.Aggregate aggregate, long lines, long malformed, long firstMalformedLocal) implements Serializable {}

    /** A malformed line met by a task that may not skip it: its number within its range, and its text. */
    static final class MalformedLineException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final long localLine;

        MalformedLineException(long localLine, String text) {
            super("malformed line: '" + text + "'");
            this.localLine = localLine;
        }
    }

    public GroupByWorkload {
        if (bytes < 1) {
            throw new IllegalArgumentException((linesReader ? "groupby-lines" : "groupby") + ".size must be at least 1 byte, was " + bytes);
        }
        if (chunks < 1) {
            throw new IllegalArgumentException("groupby.chunks must be at least 1, was " + chunks);
        }
    }

    @Override
    public String name() {
        return linesReader ? "groupby-lines" : "groupby";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("size", bytes, 1, 1L << 40, "the CSV's size in bytes (300M, 5G)"),
                Parameter.count("chunks", chunks, 1, 1_000_000, "byte ranges (tasks)"),
                Parameter.flag("skip-malformed", skipMalformed, "count and skip a malformed line instead of stopping"));
    }

    @Override
    public GroupByWorkload with(Parameters p) {
        return new GroupByWorkload(p.count("size"), p.intCount("chunks"), p.flag("skip-malformed"), linesReader);
    }

    @Override
    public Bound bound() {
        return Bound.IO;
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "group-by of a %,d MB CSV (count, sum, mean per category, all and value > 100) %s",
                bytes / 1_000_000, linesReader ? "with Files.lines().parallel()" : "in " + chunks + " byte ranges, bounded memory");
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public boolean needsPriming() {
        return false; // the first run writes the CSV; priming would only read it again
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        return linesReader && strategy != Strategy.SEQUENTIAL
                ? Optional.of("Files.lines().parallel() runs on the common fork/join pool whatever the strategy: see its sequential row")
                : Optional.empty();
    }

    @Override
    public Result execute(Pool pool) throws IOException {
        SalesCsv csv = SalesCsv.of(bytes, THRESHOLD_CENTS);
        return linesReader ? withLines(csv.path()) : aggregate(pool, csv.path(), chunks, skipMalformed);
    }

    /** The group-by of {@code file} in {@code chunks} byte ranges on {@code pool}. */
    static Result aggregate(Pool pool, Path file, int chunks, boolean skipMalformed) throws IOException {
        long size = Files.size(file);
        List<Range> ranges = Range.split(0, size, (int) Math.min(chunks, Math.max(1, size)));
        String path = file.toString();
        List<Partial> partials;
        try {
            partials = pool.map((Range r) -> readRange(Path.of(path), r, skipMalformed), ranges,
                    MapOptions.defaults().withChunkSize(1)).toList();
        } catch (MapFailedException e) {
            if (e.getCause() instanceof MalformedLineException m) {
                long line = linesBefore(file, ranges.get((int) e.index()).lo()) + m.localLine;
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s, line %,d of %s (--param groupby.skip-malformed=on skips such lines)",
                        m.getMessage(), line, file.getFileName()), e);
            }
            if (e.getCause() instanceof NoSuchFileException gone) {
                throw new IllegalStateException("the CSV vanished while it was read: " + gone.getFile(), e);
            }
            throw e;
        }
        SalesCsv.Aggregate total = new SalesCsv.Aggregate(THRESHOLD_CENTS);
        long lines = 0;
        long malformed = 0;
        long firstMalformed = -1;
        for (Partial p : partials) {
            if (p.firstMalformedLocal() > 0 && firstMalformed < 0) {
                firstMalformed = lines + p.firstMalformedLocal();
            }
            total.merge(p.aggregate());
            lines += p.lines();
            malformed += p.malformed();
        }
        return new Result(total, lines - 1 - malformed, malformed, firstMalformed);
    }

    /** Counts the lines that start before {@code offset}: the slow way, on the error path only. */
    private static long linesBefore(Path file, long offset) throws IOException {
        long lines = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long position = 0;
            while (position < offset && channel.read(buffer, position) > 0) {
                buffer.flip();
                for (int i = 0; i < buffer.limit() && position + i < offset; i++) {
                    if (buffer.get(i) == '\n') {
                        lines++;
                    }
                }
                position += buffer.limit();
                buffer.clear();
            }
        }
        return lines;
    }

    /** One task: the lines whose first byte lies in {@code range}. */
    static Partial readRange(Path file, Range range, boolean skipMalformed) throws IOException {
        SalesCsv.Aggregate aggregate = new SalesCsv.Aggregate(THRESHOLD_CENTS);
        long lines = 0;
        long malformed = 0;
        long firstMalformed = -1;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            byte[] line = new byte[MAX_LINE + 1];
            int length = 0;
            boolean overlong = false;
            long position = Math.max(0, range.lo() - 1);
            boolean skipping = range.lo() > 0; // inside the line that began in the range before, until its newline
            long lineStart = range.lo();
            boolean done = false;
            while (!done) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read <= 0) {
                    if (!skipping && (length > 0 || overlong) && lineStart < range.hi()) { // a last line without a newline
                        lines++;
                        if (!parse(line, length, overlong, aggregate, range.lo() == 0 && lines == 1)) {
                            malformed++;
                            firstMalformed = firstMalformed < 0 ? lines : firstMalformed;
                            if (!skipMalformed) {
                                throw new MalformedLineException(lines, text(line, length));
                            }
                        }
                    }
                    break;
                }
                for (int i = 0; i < read; i++) {
                    byte b = buffer.get(i);
                    long at = position + i;
                    if (skipping) {
                        if (b == '\n') {
                            skipping = false;
                            lineStart = at + 1;
                            if (lineStart >= range.hi()) {
                                done = true;
                                break;
                            }
                        }
                        continue;
                    }
                    if (b != '\n') {
                        if (length < MAX_LINE) {
                            line[length++] = b;
                        } else {
                            overlong = true;
                        }
                        continue;
                    }
                    lines++;
                    boolean header = range.lo() == 0 && lines == 1;
                    if (!parse(line, length, overlong, aggregate, header)) {
                        malformed++;
                        firstMalformed = firstMalformed < 0 ? lines : firstMalformed;
                        if (!skipMalformed) {
                            throw new MalformedLineException(lines, text(line, length));
                        }
                    }
                    length = 0;
                    overlong = false;
                    lineStart = at + 1;
                    if (lineStart >= range.hi()) {
                        done = true;
                        break;
                    }
                }
                position += read;
            }
        }
        return new Partial(aggregate, lines, malformed, firstMalformed);
    }

    private static String text(byte[] line, int length) {
        return new String(line, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Parses {@code cat-NN,D.CC} (the header is accepted as line 1 of the file); whether it was well formed. */
    private static boolean parse(byte[] line, int length, boolean overlong, SalesCsv.Aggregate aggregate, boolean header) {
        if (header) {
            return text(line, length).equals(SalesCsv.HEADER.strip());
        }
        if (overlong || length < 11 || line[0] != 'c' || line[1] != 'a' || line[2] != 't' || line[3] != '-' || line[6] != ','
                || !digit(line[4]) || !digit(line[5]) || line[length - 3] != '.' || !digit(line[length - 2]) || !digit(line[length - 1])) {
            return false;
        }
        int category = (line[4] - '0') * 10 + (line[5] - '0');
        if (category >= SalesCsv.CATEGORIES) {
            return false;
        }
        long cents = 0;
        for (int i = 7; i < length - 3; i++) {
            if (!digit(line[i])) {
                return false;
            }
            cents = cents * 10 + (line[i] - '0');
        }
        cents = cents * 100 + (line[length - 2] - '0') * 10 + (line[length - 1] - '0');
        aggregate.add(category, cents);
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** {@code groupby-lines}: the same with {@code Files.lines().parallel()} and a collector. */
    static Result withLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            SalesCsv.Aggregate total = lines.skip(1).parallel().collect(Collector.of(
                    () -> new SalesCsv.Aggregate(THRESHOLD_CENTS),
                    (a, line) -> {
                        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        if (!parse(bytes, bytes.length, bytes.length > MAX_LINE, a, false)) {
                            throw new IllegalArgumentException("malformed line: '" + line + "'");
                        }
                    },
                    SalesCsv.Aggregate::merge));
            return new Result(total, total.lines(), 0, -1);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public Verdict verify(Result result) {
        SalesCsv.Aggregate answer = SalesCsv.of(bytes, THRESHOLD_CENTS).answer();
        SalesCsv.Aggregate got = result.aggregate();
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("bytes", SalesCsv.of(bytes, THRESHOLD_CENTS).bytes());
        findings.put("lines", result.lines());
        findings.put("malformed", result.malformed());
        List<Object> means = new ArrayList<>();
        IntStream.range(0, SalesCsv.CATEGORIES).forEach(i -> means.add(got.count[i] == 0 ? null : got.sum[i] / 100.0 / got.count[i]));
        findings.put("means", means);
        findings.put("filteredLines", java.util.Arrays.stream(got.filteredCount).sum());
        if (!got.sameAs(answer)) {
            for (int i = 0; i < SalesCsv.CATEGORIES; i++) {
                if (got.count[i] != answer.count[i] || got.sum[i] != answer.sum[i]) {
                    return Verdict.fail(String.format(Locale.ROOT, "%s: %,d lines summing %,d cents; the generator wrote %,d summing %,d",
                            SalesCsv.category(i), got.count[i], got.sum[i], answer.count[i], answer.sum[i]), findings);
                }
            }
            return Verdict.fail("the filtered group-by (value > 100) differs from the generator's", findings);
        }
        return Verdict.pass(String.format(Locale.ROOT, "%,d lines in 16 categories, sums and means exact (%,d above 100.00), as the generator wrote",
                result.lines(), java.util.Arrays.stream(got.filteredCount).sum()), findings);
    }
}
