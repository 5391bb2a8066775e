package dev.spindle.lab.workload;

import dev.spindle.MapOptions;
import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;
import dev.spindle.process.shm.SharedDoubleArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Memory-bound array work (the seeds' quiz): over {@code size} doubles, either the element-wise
 * {@code sin(a)² + cos(a)²} (written to an output array) or the vector norm {@code √Σ a²}, cut into
 * {@code tasks} contiguous slices.
 *
 * <h2>Where the array lives</h2>
 * The input (and the element-wise output) is a {@link SharedDoubleArray} in named shared memory,
 * made once per workload and JVM and filled with the same values every time. With {@code copy}
 * off, a task captures the array, which travels as its name: threads and worker JVMs read the
 * same pages. With {@code copy} on, each task is handed its slice as a {@code double[]} of its own
 * (serialised to a worker JVM), and an element-wise task returns its results as another array,
 * copied back into the output: the seeds' processes that get a copy of the array.
 *
 * <h2>What it teaches</h2>
 * {@code sin} and {@code cos} cost tens of nanoseconds an element, far more than reading 8 bytes,
 * so the element-wise work is compute-bound and scales with cores. The norm does one
 * multiply-add per 8 bytes read: it runs at the speed memory delivers them, and a second core
 * adds little once one core nearly saturates the memory bus. The findings give each run's
 * throughput in GB/s beside the machine's own bandwidth ({@link Bandwidth}), and with {@code copy}
 * on, the bytes copied.
 *
 * <p>Verification: every element-wise result is 1 within 4 ulps (the check reads the shared output
 * array and clears it for the next run); the norm equals a compensated (Neumaier) sequential sum
 * within a relative 10⁻¹².
 *
 * @param computation what to compute
 * @param size        elements in the array
 * @param tasks       slices (tasks)
 * @param copy        whether tasks get copies of their slices instead of the shared array
 */
public record MemoryBoundWorkload(Computation computation, long size, int tasks, boolean copy)
        implements Workload<MemoryBoundWorkload.Result> {

    /** The two computations of the seeds' quiz. */
    public enum Computation {
        /** {@code sin(a)² + cos(a)²} for every element, into an output array. */
        ELEMENTWISE("elementwise", 16),
        /** {@code √Σ a²}. */
        NORM("norm", 8);

        private final String cliName;
        private final int bytesPerElement;

        Computation(String cliName, int bytesPerElement) {
            this.cliName = cliName;
            this.bytesPerElement = bytesPerElement;
        }
    }

    /**
     * @param norm   the norm (NaN for the element-wise work, whose results are in the shared output
     *               array, which {@link #verify} reads and clears)
     * @param nanos  how long the computation took, copies included, wall clock
     * @param copied bytes copied to and from the tasks
     */
    public record Result(double norm, long nanos, long copied) {}

    private static final Map<String, SharedDoubleArray> ARRAYS = new ConcurrentHashMap<>();
    private static final Map<Long, Double> REFERENCE_NORMS = new ConcurrentHashMap<>();

    public MemoryBoundWorkload {
        long maxElements = Runtime.getRuntime().maxMemory() / Double.BYTES / 4;
        if (size < 1 || tasks < 1 || tasks > size) {
            throw new IllegalArgumentException(computation.cliName + " needs size >= 1 and 1 <= tasks <= size, was size=" + size
                    + ", tasks=" + tasks);
        }
        if (copy && size > maxElements) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s.size=%,d with copy=on needs %,d MiB of heap for the copies;"
                    + " this JVM has %,d MiB: lower the size or turn copy off", computation.cliName, size,
                    size * Double.BYTES * 4 >> 20, Runtime.getRuntime().maxMemory() >> 20));
        }
    }

    @Override
    public String name() {
        return computation.cliName;
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("size", size, 1, 1L << 34, "elements in the array"),
                Parameter.count("tasks", tasks, 1, 1_000_000, "slices (tasks)"),
                Parameter.flag("copy", copy, "hand each task a copy of its slice instead of the shared array"));
    }

    @Override
    public MemoryBoundWorkload with(Parameters p) {
        return new MemoryBoundWorkload(computation, p.count("size"), p.intCount("tasks"), p.flag("copy"));
    }

    /** With {@code copy}, a slice of doubles goes out (and, element-wise, a result slice comes back). */
    @Override
    public long bytesPerTask() {
        long slice = size / tasks * Double.BYTES;
        return copy ? (computation == Computation.ELEMENTWISE ? 2 * slice : slice) : 0;
    }

    @Override
    public Bound bound() {
        return computation == Computation.NORM ? Bound.MEMORY : Bound.CPU;
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%s over %,d doubles (%,d MiB) in %d slices, %s", computation == Computation.NORM
                        ? "memory-bound: the norm sqrt(sum a^2)" : "compute-bound: sin(a)^2 + cos(a)^2 element-wise",
                size, size * Double.BYTES >> 20, tasks, copy ? "each task given a copy of its slice" : "the array in shared memory");
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    /** The value at index {@code i}: spread over [0, 2π), the same on every run and in every JVM. */
    static double valueAt(long i) {
        return ((i * 0x9E37_79B9_7F4A_7C15L) >>> 11) * 0x1.0p-53 * 2 * Math.PI;
    }

    /** The element-wise output array, which {@link #verify} checks. */
    SharedDoubleArray output() {
        return array("output");
    }

    private SharedDoubleArray array(String role) {
        return ARRAYS.computeIfAbsent(role + "-" + size, key -> {
            SharedDoubleArray created = SharedDoubleArray.create("lab-" + key + "-" + ProcessHandle.current().pid(), size);
            if (role.equals("input")) {
                MemorySegment s = created.asSegment();
                for (long i = 0; i < size; i++) {
                    s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, valueAt(i));
                }
            }
            return created;
        });
    }

    @Override
    public Result execute(Pool pool) {
        SharedDoubleArray input = array("input");
        SharedDoubleArray output = computation == Computation.ELEMENTWISE ? array("output") : null;
        List<Range> slices = Range.split(0, size, tasks);
        MapOptions options = MapOptions.defaults().withInFlight(tasks).withChunkSize(1);
        long start = System.nanoTime();
        long copied = 0;
        double norm = Double.NaN;
        if (computation == Computation.NORM) {
            double squares;
            if (copy) {
                squares = pool.map((double[] slice) -> sumOfSquares(MemorySegment.ofArray(slice)),
                        slices.stream().map(r -> slice(input, r)), options).mapToDouble(Double::doubleValue).sum();
                copied = size * Double.BYTES;
            } else {
                squares = pool.map((Range r) -> sumOfSquares(input.asSegment().asSlice(r.lo() * Double.BYTES,
                        (r.hi() - r.lo()) * Double.BYTES)), slices, options).mapToDouble(Double::doubleValue).sum();
            }
            norm = Math.sqrt(squares);
        } else if (copy) {
            MemorySegment out = output.asSegment();
            List<Range> order = slices;
            int[] next = {0};
            pool.map((double[] slice) -> sinCos(slice), slices.stream().map(r -> slice(input, r)), options).forEachOrdered(result -> {
                Range r = order.get(next[0]++);
                MemorySegment.copy(MemorySegment.ofArray(result), 0, out, r.lo() * Double.BYTES, result.length * (long) Double.BYTES);
            });
            copied = 2 * size * Double.BYTES;
        } else {
            pool.map((Range r) -> sinCosInPlace(input, output, r), slices, options).forEach(done -> { });
        }
        return new Result(norm, System.nanoTime() - start, copied);
    }

    private static double[] slice(SharedDoubleArray array, Range r) {
        return array.asSegment().asSlice(r.lo() * Double.BYTES, (r.hi() - r.lo()) * Double.BYTES).toArray(ValueLayout.JAVA_DOUBLE);
    }

    /**
     * Σ a² over a segment, a checkpoint for the GIL every 4,096 elements. Four partial sums, as
     * NumPy's pairwise summation keeps several: with one, each addition would wait for the one
     * before it, and a core would be limited by that latency long before memory limits it.
     */
    static double sumOfSquares(MemorySegment values) {
        long n = values.byteSize() / Double.BYTES;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        long i = 0;
        for (long block = 0; block < n; block += 4096) {
            long end = Math.min(n, block + 4096);
            for (; i + 3 < end; i += 4) {
                double a = values.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                double b = values.getAtIndex(ValueLayout.JAVA_DOUBLE, i + 1);
                double c = values.getAtIndex(ValueLayout.JAVA_DOUBLE, i + 2);
                double d = values.getAtIndex(ValueLayout.JAVA_DOUBLE, i + 3);
                s0 += a * a;
                s1 += b * b;
                s2 += c * c;
                s3 += d * d;
            }
            for (; i < end; i++) {
                double a = values.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                s0 += a * a;
            }
            Gil.checkpoint();
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double[] sinCos(double[] slice) {
        double[] result = new double[slice.length];
        for (int block = 0; block < slice.length; block += 1024) {
            int end = Math.min(slice.length, block + 1024);
            for (int i = block; i < end; i++) {
                double s = Math.sin(slice[i]);
                double c = Math.cos(slice[i]);
                result[i] = s * s + c * c;
            }
            Gil.checkpoint();
        }
        return result;
    }

    static long sinCosInPlace(SharedDoubleArray input, SharedDoubleArray output, Range r) {
        MemorySegment in = input.asSegment();
        MemorySegment out = output.asSegment();
        for (long block = r.lo(); block < r.hi(); block += 1024) {
            long end = Math.min(r.hi(), block + 1024);
            for (long i = block; i < end; i++) {
                double v = in.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                double s = Math.sin(v);
                double c = Math.cos(v);
                out.setAtIndex(ValueLayout.JAVA_DOUBLE, i, s * s + c * c);
            }
            Gil.checkpoint();
        }
        return r.hi() - r.lo();
    }

    /** The norm by Neumaier's compensated sum, in order: the reference, computed once per size. */
    double referenceNorm() {
        return REFERENCE_NORMS.computeIfAbsent(size, n -> {
            double sum = 0;
            double compensation = 0;
            for (long i = 0; i < n; i++) {
                double v = valueAt(i);
                double term = v * v;
                double t = sum + term;
                compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
                sum = t;
            }
            return Math.sqrt(sum + compensation);
        });
    }

    @Override
    public Verdict verify(Result result) {
        Map<String, Object> findings = new LinkedHashMap<>();
        double gbPerSecond = (double) size * computation.bytesPerElement / result.nanos();
        Bandwidth machine = Bandwidth.ofThisMachine();
        findings.put("elements", size);
        findings.put("gbPerSecond", gbPerSecond);
        findings.put("machineSumGbPerSecond", machine.sumAll());
        findings.put("machineTriadGbPerSecond", machine.triadAll());
        findings.put("copiedBytes", result.copied());
        String rate = String.format(Locale.ROOT, "%.1f GB/s (machine: %s)%s", gbPerSecond, machine.describe(),
                result.copied() > 0 ? String.format(Locale.ROOT, "; %,d MiB copied", result.copied() >> 20) : "");
        if (computation == Computation.NORM) {
            double expected = referenceNorm();
            double relative = Math.abs(result.norm() - expected) / expected;
            findings.put("norm", result.norm());
            findings.put("expected", expected);
            findings.put("relativeError", relative);
            String line = String.format(Locale.ROOT, "norm %.10e, compensated sum agrees within %.1e; %s", result.norm(), relative, rate);
            return relative <= 1e-12 ? Verdict.pass(line, findings) : Verdict.fail(line + " (more than 1e-12)", findings);
        }
        long wrong = 0;
        long firstWrong = -1;
        MemorySegment out = array("output").asSegment();
        for (long i = 0; i < size; i++) {
            if (Math.abs(out.getAtIndex(ValueLayout.JAVA_DOUBLE, i) - 1.0) > 4 * Math.ulp(1.0) && wrong++ == 0) {
                firstWrong = i;
            }
        }
        out.fill((byte) 0); // the next run must write every element again to pass
        findings.put("wrong", wrong);
        if (wrong > 0) {
            return Verdict.fail(String.format(Locale.ROOT, "%,d of %,d results not 1, first at index %,d", wrong, size, firstWrong), findings);
        }
        return Verdict.pass(String.format(Locale.ROOT, "all %,d results 1 within 4 ulps; %s", size, rate), findings);
    }
}
