package dev.spindle.testkit.concurrently;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Perturbation points: places in the code under test where a thread of a {@link Concurrently}
 * test may yield or pause, so that the windows between a read and the write that depends on it
 * are entered by other threads far more often than the scheduler alone would allow.
 *
 * <h2>How points get there</h2>
 * For the classes named by {@link Concurrently#perturb()}, a class-file transformer
 * ({@link PointInserter}, on the JDK's {@code java.lang.classfile} API) puts a call to
 * {@link #point()} before every field access, array access, method call and {@code monitorenter}
 * in their methods (not in constructors or static initialisers). The classes are retransformed
 * in place, so they need not be loaded in any special way; this needs
 * {@link java.lang.instrument.Instrumentation}, which Spindle gets either from
 * {@code -javaagent:spindle-testkit.jar} on the test JVM's command line or, failing that, by
 * loading this class as an agent into the running JVM through the JDK's {@code jcmd} (the JVM
 * then prints a warning unless it runs with {@code -XX:+EnableDynamicAgentLoading}). Code may also
 * call {@link #point()} by hand where the transformer cannot reach.
 *
 * <h2>What a point does</h2>
 * Nothing, unless a perturbed run is under way and the calling thread is one of its threads:
 * then, from the thread's own generator seeded by the run, one point in four yields and one in
 * sixty-four pauses for up to 100 µs. Outside a run a point costs a volatile read. Classes stay
 * instrumented for the rest of the JVM's life.
 */
public final class Perturbation {

    private static final ThreadLocal<SplittableRandom> SCHEDULE = new ThreadLocal<>();
    private static final Object LOCK = new Object();
    private static final int YIELD_IN_64 = 16;
    private static final int MAX_PAUSE_NANOS = 100_000;

    private static volatile int sessions; // perturbed runs under way; written under LOCK
    private static volatile Instrumentation instrumentation;
    private static PointInserter inserter; // guarded by LOCK

    private Perturbation() {}

    /**
     * A perturbation point: may yield or pause the calling thread if it runs a perturbed
     * {@link Concurrently} test; otherwise returns at once.
     */
    public static void point() {
        if (sessions == 0) {
            return;
        }
        SplittableRandom schedule = SCHEDULE.get();
        if (schedule == null) {
            return;
        }
        int roll = schedule.nextInt(64);
        if (roll < YIELD_IN_64) {
            Thread.yield();
        } else if (roll == YIELD_IN_64) {
            LockSupport.parkNanos(1 + schedule.nextInt(MAX_PAUSE_NANOS));
        }
    }

    /**
     * Entry point for {@code -javaagent:spindle-testkit.jar}: keeps the instrumentation for
     * later perturbed runs. Not for calling.
     *
     * @param options ignored
     * @param inst    the JVM's instrumentation
     */
    @SuppressWarnings("exports") // the JVM calls it; users need not read java.instrument
    public static void premain(String options, Instrumentation inst) {
        instrumentation = inst;
    }

    /**
     * Entry point when the JVM loads this class as an agent at run time. Not for calling.
     *
     * @param options ignored
     * @param inst    the JVM's instrumentation
     */
    @SuppressWarnings("exports")
    public static void agentmain(String options, Instrumentation inst) {
        instrumentation = inst;
    }

    /** One perturbed run (or none): its threads {@link #enter} and {@link #exit}; closing it ends it. */
    static class Session implements AutoCloseable {
        private static final Session NONE = new Session() {
            @Override
            void enter(long seed) {}

            @Override
            public void close() {}
        };

        private Session() {}

        /** The calling thread is one of the run's, with this seed, until {@link #exit}. */
        void enter(long seed) {
            SCHEDULE.set(new SplittableRandom(seed));
        }

        void exit() {
            SCHEDULE.remove();
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                sessions--;
            }
        }
    }

    /**
     * Starts a perturbed run over {@code targets} (class names, or packages as {@code "a.b.*"}),
     * inserting points into the classes first; with no targets, a session that does nothing.
     *
     * @param context a class whose loader finds the targets (the test class)
     * @throws IllegalArgumentException if a target cannot be found or changed
     * @throws IllegalStateException    if no instrumentation can be had
     */
    static Session begin(List<String> targets, Class<?> context) {
        if (targets.isEmpty()) {
            return Session.NONE;
        }
        synchronized (LOCK) {
            Instrumentation inst = instrumentation();
            if (inserter == null) {
                inserter = new PointInserter();
                inst.addTransformer(inserter, true);
            }
            Set<Class<?>> classes = new LinkedHashSet<>();
            for (String target : targets) {
                if (target.endsWith(".*")) {
                    String prefix = target.substring(0, target.length() - 1);
                    refuseJdk(target, prefix);
                    inserter.addPackage(prefix);
                    for (Class<?> loaded : inst.getAllLoadedClasses()) {
                        if (loaded.getName().startsWith(prefix) && inst.isModifiableClass(loaded)) {
                            classes.add(loaded);
                        }
                    }
                } else {
                    refuseJdk(target, target);
                    Class<?> type;
                    try {
                        type = Class.forName(target, false, context.getClassLoader());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalArgumentException("cannot perturb " + target + ": no such class", e);
                    }
                    if (!inst.isModifiableClass(type)) {
                        throw new IllegalArgumentException("cannot perturb " + target + ": the JVM does not let its code be changed");
                    }
                    inserter.addClass(target);
                    classes.add(type);
                }
            }
            classes.removeIf(inserter::done);
            Module ours = Perturbation.class.getModule();
            for (Class<?> type : classes) {
                if (type.getModule().isNamed() && !type.getModule().canRead(ours)) {
                    inst.redefineModule(type.getModule(), Set.of(ours), Map.of(), Map.of(), Set.of(), Map.of());
                }
            }
            try {
                inst.retransformClasses(classes.toArray(Class<?>[]::new));
            } catch (UnmodifiableClassException e) {
                throw new IllegalArgumentException("cannot perturb " + targets + ": " + e.getMessage(), e);
            }
            inserter.rethrowFailure();
            sessions++;
            return new Session();
        }
    }

    private static void refuseJdk(String target, String name) {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || PointInserter.isOurs(name)) {
            throw new IllegalArgumentException("cannot perturb " + target + ": the JDK's classes and the testkit's own cannot call"
                    + " perturbation points; perturb the classes that use them");
        }
    }

    /** The instrumentation from {@code -javaagent}, or from loading this class as an agent now. */
    private static Instrumentation instrumentation() {
        if (instrumentation == null) {
            loadAgent();
        }
        return instrumentation;
    }

    private static void loadAgent() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String advice = "; run the tests with -javaagent:<the spindle-testkit jar> to give perturbation the instrumentation it needs";
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException("perturbation needs java.lang.instrument, and this runtime has no " + jcmd.getFileName()
                    + " to load it with" + advice);
        }
        Path jar = null;
        try {
            jar = Files.createTempFile("spindle-perturbation", ".jar");
            Manifest manifest = new Manifest();
            Attributes attributes = manifest.getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            attributes.putValue("Agent-Class", Perturbation.class.getName());
            attributes.putValue("Can-Retransform-Classes", "true");
            attributes.putValue("Can-Redefine-Classes", "true");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                out.flush();
            }
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "JVMTI.agent_load", jar.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (instrumentation == null) {
                throw new IllegalStateException("perturbation could not load its agent into this JVM (jcmd said: " + output + ")" + advice);
            }
        } catch (IOException e) {
            throw new IllegalStateException("perturbation could not load its agent into this JVM: " + e + advice, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the perturbation agent", e);
        } finally {
            if (jar != null) {
                try {
                    Files.deleteIfExists(jar);
                } catch (IOException ignored) {
                    // a temporary file of a few hundred bytes; the system cleans its temporary directory
                }
            }
        }
    }
}
