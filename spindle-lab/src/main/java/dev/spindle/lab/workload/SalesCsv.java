package dev.spindle.lab.workload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generated CSV of the {@code groupby} workloads (the seeds' "simulate a large CSV dataset"):
 * a header, then lines {@code category,value} such as {@code cat-07,123.45}, with {@value #CATEGORIES}
 * categories and values from 0.00 to 999.99, drawn from a seeded generator. The generator adds up
 * each category's count and sum (in cents, so exactly) as it writes, and the same for the values
 * above the filter's threshold, so the answer is known without reading the file back.
 *
 * <h2>Where the file lives</h2>
 * In the system's temporary directory, as {@code spindle-groupby-<pid>-<bytes>.csv}, one per size
 * and JVM, written once and reused by every run; deleted when the JVM exits (Ctrl-C included).
 * A file left by a JVM that was killed outright is deleted by the next one that writes a CSV.
 * Before writing, the free space of the directory is checked.
 *
 * @param path   the file
 * @param bytes  its size
 * @param answer what aggregating it must give
 */
record SalesCsv(Path path, long bytes, Aggregate answer) {

    static final int CATEGORIES = 16;
    static final String HEADER = "category,value\n";
    private static final long SEED = 0xC5F_0DA7AL;
    private static final String PREFIX = "spindle-groupby-";
    private static final ConcurrentHashMap<Long, SalesCsv> WRITTEN = new ConcurrentHashMap<>();

    /**
     * The CSV of at least {@code bytes} bytes for this JVM, written on first use.
     *
     * @param threshold the filter's threshold, in cents, whose answer the generator also keeps
     * @throws IllegalArgumentException if the directory has not that much free space, naming both
     */
    static SalesCsv of(long bytes, long threshold) {
        SalesCsv csv = WRITTEN.computeIfAbsent(bytes, SalesCsv::write);
        if (csv.answer().threshold() != threshold) {
            throw new IllegalStateException("one CSV per size: written for threshold " + csv.answer().threshold());
        }
        return csv;
    }

    private static SalesCsv write(long bytes) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            reclaimOrphans(dir);
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < bytes + (64L << 20)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "groupby.size=%,d bytes does not fit: %s has %,d MiB free", bytes, dir, free >> 20));
            }
            Path path = dir.resolve(PREFIX + ProcessHandle.current().pid() + "-" + bytes + ".csv");
            path.toFile().deleteOnExit();
            Aggregate answer = new Aggregate(GroupByWorkload.THRESHOLD_CENTS);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
                byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
                out.write(header);
                long written = header.length;
                SplittableRandom random = new SplittableRandom(SEED);
                byte[] line = new byte[32];
                while (written < bytes) {
                    int category = random.nextInt(CATEGORIES);
                    long cents = random.nextLong(100_000);
                    int n = format(line, category, cents);
                    out.write(line, 0, n);
                    written += n;
                    answer.add(category, cents);
                }
                return new SalesCsv(path, written, answer);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(path);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the groupby CSV in " + dir, e);
        }
    }

    /** Writes {@code cat-NN,D.CC\n} into {@code line} (no {@code String} per line: a big file has millions); returns its length. */
    static int format(byte[] line, int category, long cents) {
        int n = 0;
        line[n++] = 'c';
        line[n++] = 'a';
        line[n++] = 't';
        line[n++] = '-';
        line[n++] = (byte) ('0' + category / 10);
        line[n++] = (byte) ('0' + category % 10);
        line[n++] = ',';
        long whole = cents / 100;
        if (whole >= 100) {
            line[n++] = (byte) ('0' + whole / 100);
        }
        if (whole >= 10) {
            line[n++] = (byte) ('0' + whole / 10 % 10);
        }
        line[n++] = (byte) ('0' + whole % 10);
        line[n++] = '.';
        line[n++] = (byte) ('0' + cents / 10 % 10);
        line[n++] = (byte) ('0' + cents % 10);
        line[n++] = '\n';
        return n;
    }

    /** The name of category {@code i}. */
    static String category(int i) {
        return String.format(Locale.ROOT, "cat-%02d", i);
    }

    private static void reclaimOrphans(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(PREFIX) || !name.endsWith(".csv")) {
                    continue;
                }
                String[] parts = name.substring(PREFIX.length()).split("-");
                try {
                    long pid = Long.parseLong(parts[0]);
                    if (ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(p);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
    }

    /**
     * Per-category counts and sums in cents, all lines and those above the threshold; partial
     * aggregates add up with {@link #merge}.
     */
    static final class Aggregate implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final long threshold;
        final long[] count = new long[CATEGORIES];
        final long[] sum = new long[CATEGORIES];
        final long[] filteredCount = new long[CATEGORIES];
        final long[] filteredSum = new long[CATEGORIES];

        Aggregate(long threshold) {
            this.threshold = threshold;
        }

        long threshold() {
            return threshold;
        }

        void add(int category, long cents) {
            count[category]++;
            sum[category] += cents;
            if (cents > threshold) {
                filteredCount[category]++;
                filteredSum[category] += cents;
            }
        }

        Aggregate merge(Aggregate other) {
            for (int i = 0; i < CATEGORIES; i++) {
                count[i] += other.count[i];
                sum[i] += other.sum[i];
                filteredCount[i] += other.filteredCount[i];
                filteredSum[i] += other.filteredSum[i];
            }
            return this;
        }

        long lines() {
            return Arrays.stream(count).sum();
        }

        boolean sameAs(Aggregate other) {
            return Arrays.equals(count, other.count) && Arrays.equals(sum, other.sum)
                    && Arrays.equals(filteredCount, other.filteredCount) && Arrays.equals(filteredSum, other.filteredSum);
        }
    }
}
