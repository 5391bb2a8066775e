package dev.spindle.cluster.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The packages Ignite 2.18 must be able to open on JDK 25 for what Spindle does with it, found by
 * starting members, running tasks and using every distributed primitive with none opened and
 * adding what failed: its {@code GridUnsafe} reads {@code java.nio.Buffer.address}, its binary
 * marshaller reaches into {@code java.util} collections, and its optimized marshaller, which
 * carries the metadata of queues and the jobs behind a map's {@code size}, into {@code java.lang}. Checked before any Ignite class is
 * initialised, so that a JVM without them gets this list instead of an error from inside Ignite.
 */
public final class JvmFlags {

    /** Module and package, in the order of the flags. */
    private static final List<String[]> OPENS = List.of(new String[] {"java.base", "java.lang"}, new String[] {"java.base", "java.nio"},
            new String[] {"java.base", "java.util"});

    /**
     * Not needed, but quiets JDK 25's warning that Ignite's {@code GridUnsafe} calls memory-access
     * methods of {@code sun.misc.Unsafe} that a later JDK will remove.
     */
    public static final String QUIET_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private JvmFlags() {}

    /** The flags, as a command line takes them, for a class path. */
    public static List<String> required() {
        return OPENS.stream().map(o -> "--add-opens=" + o[0] + "/" + o[1] + "=ALL-UNNAMED").toList();
    }

    /**
     * @throws IllegalStateException listing the exact flags, if any is missing in this JVM
     */
    public static void check() {
        Module ignite;
        try {
            ignite = Class.forName("org.apache.ignite.Ignition", false, JvmFlags.class.getClassLoader()).getModule();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Apache Ignite is not on the class path: add org.apache.ignite:ignite-core:2.18.0", e);
        }
        String target = ignite.isNamed() ? ignite.getName() : "ALL-UNNAMED";
        List<String> missing = new ArrayList<>();
        for (String[] open : OPENS) {
            boolean isOpen = ModuleLayer.boot().findModule(open[0]).map(m -> m.isOpen(open[1], ignite)).orElse(false);
            if (!isOpen) {
                missing.add("--add-opens=" + open[0] + "/" + open[1] + "=" + target);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("a cluster member runs Apache Ignite, which on this JDK needs these JVM flags: "
                    + String.join(" ", missing) + " (add them to the java command; the spindle launcher and the lab's jar carry"
                    + " them, and a jar's manifest can carry them as Add-Opens)");
        }
    }
}
