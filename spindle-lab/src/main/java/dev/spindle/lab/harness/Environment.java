package dev.spindle.lab.harness;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Where the lab ran: what a reader needs to compare two reports.
 *
 * @param jdkVersion   {@code Runtime.version()}
 * @param jdkVendor    the {@code java.vendor} property
 * @param vmName       the {@code java.vm.name} property
 * @param cores        {@code availableProcessors()}
 * @param gcs          the garbage collectors' names
 * @param maxHeapBytes {@code Runtime.maxMemory()}
 * @param os           name, version and architecture of the operating system
 */
public record Environment(String jdkVersion, String jdkVendor, String vmName, int cores, List<String> gcs,
                          long maxHeapBytes, String os) {

    public Environment {
        gcs = List.copyOf(gcs);
    }

    /** This JVM. */
    public static Environment current() {
        return new Environment(
                Runtime.version().toString(),
                System.getProperty("java.vendor", "?"),
                System.getProperty("java.vm.name", "?"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                Runtime.getRuntime().maxMemory(),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " " + System.getProperty("os.arch", "?"));
    }

    /** One line for the terminal. */
    public String describe() {
        return String.format("JDK %s (%s, %s), %d cores, GC %s, max heap %.1f GiB, %s",
                jdkVersion, jdkVendor, vmName, cores, String.join(" + ", gcs), maxHeapBytes / (1024.0 * 1024 * 1024), os);
    }
}
