package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;
import dev.spindle.process.shm.SharedMemory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The Mandelbrot fractal (the seeds' {@code fractal} split into strips of rows, one thread per
 * strip): every task computes the escape counts of its strip and writes them into one shared
 * image of {@code int}s, each task to its own rows, so no two tasks write the same element. The
 * image is named shared memory ({@code SharedMemory}, the seeds' {@code multiprocessing} shared
 * array), so the same code writes the same pages from threads of this JVM and from worker JVMs,
 * which receive only its name.
 *
 * <p>The load is uneven: rows through the set cost up to {@code maxIterations} per pixel, rows far
 * from it a few. Many strips, handed out by {@code map}, balance it.
 *
 * <p>Verification: the image's checksum must equal that of a plain sequential loop over the same
 * pixels (computed once per workload, outside the timed runs). The image is zeroed before each
 * run, so a strip that was never written shows. The tasks' writes are visible to the checker
 * because each task's completion happens-before {@code map} returns its result (in a worker JVM,
 * the writes precede the result's trip back over the socket).
 *
 * @param width         pixels per row
 * @param height        rows
 * @param maxIterations the escape-count cap (pixels in the set reach it)
 * @param rowsPerStrip  rows per task
 */
public record MandelbrotWorkload(int width, int height, int maxIterations, int rowsPerStrip)
        implements Workload<MandelbrotWorkload.Image> {

    private static final double X_MIN = -2.0;
    private static final double X_MAX = 0.6;
    private static final double Y_MIN = -1.2;
    private static final double Y_MAX = 1.2;
    private static final ConcurrentHashMap<MandelbrotWorkload, Long> REFERENCE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<MandelbrotWorkload, SharedMemory> IMAGES = new ConcurrentHashMap<>();

    /** The shared image: escape counts, row after row. */
    public record Image(int width, int height, int[] counts) {}

    public MandelbrotWorkload {
        if (width < 1 || height < 1 || maxIterations < 1 || rowsPerStrip < 1) {
            throw new IllegalArgumentException("mandelbrot needs positive sizes, was width=" + width + ", height=" + height
                    + ", maxIterations=" + maxIterations + ", rowsPerStrip=" + rowsPerStrip);
        }
    }

    @Override
    public String name() {
        return "mandelbrot";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("width", width, 1, 20_000, "pixels per row"),
                Parameter.count("height", height, 1, 20_000, "rows"),
                Parameter.count("iterations", maxIterations, 1, 1_000_000, "the escape-count cap"),
                Parameter.count("rows-per-task", rowsPerStrip, 1, 20_000, "rows per task"));
    }

    @Override
    public MandelbrotWorkload with(Parameters p) {
        return new MandelbrotWorkload(p.intCount("width"), p.intCount("height"), p.intCount("iterations"), p.intCount("rows-per-task"));
    }

    @Override
    public String summary() {
        return String.format("Mandelbrot %dx%d, up to %d iterations, %d strips written into one shared int[]; checksum = sequential",
                width, height, maxIterations, strips());
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    int strips() {
        return (height + rowsPerStrip - 1) / rowsPerStrip;
    }

    @Override
    public Image execute(Pool pool) {
        MemorySegment image = sharedImage().segment();
        image.fill((byte) 0);
        SharedMemory shared = sharedImage();
        long rowsDone = pool.map((Integer strip) -> {
            MemorySegment counts = shared.segment();
            int first = strip * rowsPerStrip;
            int last = Math.min(height, first + rowsPerStrip);
            for (int row = first; row < last; row++) {
                computeRow(counts, row);
            }
            return last - first;
        }, IntStream.range(0, strips()).boxed(), InFlight.all(strips())).mapToLong(Integer::longValue).sum();
        if (rowsDone != height) {
            throw new IllegalStateException("strips covered " + rowsDone + " rows of " + height);
        }
        return new Image(width, height, image.toArray(ValueLayout.JAVA_INT));
    }

    /**
     * The image in named shared memory, one per workload in this JVM, made on first use and
     * unlinked when the JVM exits: tasks that run in other JVMs capture its name and write into
     * the same pages.
     */
    private SharedMemory sharedImage() {
        return IMAGES.computeIfAbsent(this, w -> SharedMemory.create("lab-mandelbrot-" + ProcessHandle.current().pid() + "-"
                + IMAGES.size() + "-" + width + "x" + height, (long) width * height * Integer.BYTES));
    }

    /**
     * The hot loop: one row of escape counts (at most {@code width × maxIterations} steps, about a
     * millisecond), then a checkpoint, outside the loops so they stay free of calls.
     */
    void computeRow(MemorySegment counts, int row) {
        double ci = Y_MIN + (Y_MAX - Y_MIN) * row / height;
        int offset = row * width;
        for (int col = 0; col < width; col++) {
            double cr = X_MIN + (X_MAX - X_MIN) * col / width;
            double zr = 0;
            double zi = 0;
            int k = 0;
            while (k < maxIterations && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                k++;
            }
            counts.setAtIndex(ValueLayout.JAVA_INT, offset + col, k);
        }
        Gil.checkpoint();
    }

    /** An order-sensitive checksum of the image. */
    public static long checksum(int[] counts) {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum = sum * 31 + counts[i] * (long) (i % 1021 + 1);
        }
        return sum;
    }

    /** The checksum of a plain sequential loop over the image, computed once. */
    long reference() {
        return REFERENCE.computeIfAbsent(this, w -> {
            int[] counts = new int[width * height];
            MemorySegment segment = MemorySegment.ofArray(counts);
            for (int row = 0; row < height; row++) {
                computeRow(segment, row);
            }
            return checksum(counts);
        });
    }

    @Override
    public Verdict verify(Image image) {
        Map<String, Object> findings = new LinkedHashMap<>();
        long expected = reference();
        long actual = checksum(image.counts());
        long inSet = 0;
        for (int c : image.counts()) {
            if (c == maxIterations) {
                inSet++;
            }
        }
        findings.put("pixels", image.counts().length);
        findings.put("inSet", inSet);
        findings.put("checksum", actual);
        findings.put("expectedChecksum", expected);
        if (actual != expected) {
            return Verdict.fail(String.format("checksum %016x != sequential %016x", actual, expected), findings);
        }
        return Verdict.pass(String.format("checksum %016x = sequential; %.1f%% of pixels in the set", actual,
                100.0 * inSet / image.counts().length), findings);
    }
}
