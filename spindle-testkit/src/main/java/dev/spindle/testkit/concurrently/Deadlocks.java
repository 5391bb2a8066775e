package dev.spindle.testkit.concurrently;

import dev.spindle.testkit.ThreadDumps;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a deadlock cycle among all the threads of this JVM, virtual threads included: threads
 * each waiting for a lock that the next one holds.
 *
 * <h2>Where the edges come from</h2>
 * The JDK's {@code ThreadMXBean} knows who owns the monitor or the {@code java.util.concurrent}
 * lock that a <em>platform</em> thread is blocked on, but it does not see virtual threads. The
 * JDK's JSON thread dump does (since JDK 25 with lock information): for every thread, virtual
 * ones too, the monitor it is blocked on ({@code blockedOn}) and the monitors it owns
 * ({@code monitorsOwned}). So the graph has an edge waiter → owner from each source, and a cycle
 * is looked for in their union.
 *
 * <p>What is not seen: a virtual thread parked on a {@code java.util.concurrent} lock (a
 * {@code ReentrantLock}) is reported by the dump with the lock but without its owner, so a cycle
 * through such a lock among virtual threads is not found; the thread dump that comes with every
 * timeout still shows each thread's stack and what it is parked on.
 *
 * <p>The two snapshots are taken one after the other; a deadlocked cycle does not move, so both
 * see it, while edges among live threads may be stale and produce a cycle that never held. This
 * reader is for the failure message of a test that has already timed out, where that risk is
 * worth a line of text.
 */
final class Deadlocks {

    private Deadlocks() {}

    private record Edge(long waiter, String waiterName, String lock, long owner) {}

    /** A cycle, one line per thread ({@code "a (#31) waits for java.lang.Object@1f held by b (#32)"}), if there is one. */
    static Optional<String> find() {
        Map<Long, Edge> edges = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            names.put(info.getThreadId(), info.getThreadName());
            if (info.getLockOwnerId() != -1 && info.getLockName() != null) {
                edges.put(info.getThreadId(), new Edge(info.getThreadId(), info.getThreadName(), info.getLockName(), info.getLockOwnerId()));
            }
        }
        try {
            monitorEdges(Json.parse(ThreadDumps.allThreadsJson()), edges, names);
        } catch (RuntimeException e) {
            // a dump that cannot be read leaves the platform threads' edges
        }
        return cycle(edges, names);
    }

    @SuppressWarnings("unchecked")
    private static void monitorEdges(Object dump, Map<Long, Edge> edges, Map<Long, String> names) {
        Map<String, Long> owners = new HashMap<>();
        List<Map<String, Object>> threads = new ArrayList<>();
        Map<String, Object> root = (Map<String, Object>) ((Map<String, Object>) dump).get("threadDump");
        for (Object container : (List<Object>) root.get("threadContainers")) {
            for (Object thread : (List<Object>) ((Map<String, Object>) container).get("threads")) {
                Map<String, Object> t = (Map<String, Object>) thread;
                threads.add(t);
                long tid = Long.parseLong(String.valueOf(t.get("tid")));
                names.putIfAbsent(tid, String.valueOf(t.get("name")));
                if (t.get("monitorsOwned") instanceof List<?> owned) {
                    for (Object frame : owned) {
                        for (Object lock : (List<Object>) ((Map<String, Object>) frame).get("locks")) {
                            owners.put(String.valueOf(lock), tid);
                        }
                    }
                }
            }
        }
        for (Map<String, Object> t : threads) {
            long tid = Long.parseLong(String.valueOf(t.get("tid")));
            if (t.get("blockedOn") instanceof String lock && owners.containsKey(lock)) {
                edges.putIfAbsent(tid, new Edge(tid, names.get(tid), lock, owners.get(lock)));
            }
        }
    }

    private static Optional<String> cycle(Map<Long, Edge> edges, Map<Long, String> names) {
        for (long start : edges.keySet()) {
            List<Edge> path = new ArrayList<>();
            Map<Long, Integer> seen = new HashMap<>();
            long at = start;
            while (edges.containsKey(at) && !seen.containsKey(at)) {
                seen.put(at, path.size());
                Edge edge = edges.get(at);
                path.add(edge);
                at = edge.owner;
            }
            if (seen.containsKey(at)) {
                StringBuilder out = new StringBuilder();
                for (Edge edge : path.subList(seen.get(at), path.size())) {
                    out.append("  ").append(label(edge.waiter, names)).append(" waits for ").append(edge.lock)
                            .append(" held by ").append(label(edge.owner, names)).append('\n');
                }
                return Optional.of(out.toString());
            }
        }
        return Optional.empty();
    }

    private static String label(long tid, Map<Long, String> names) {
        return names.getOrDefault(tid, "thread") + " (#" + tid + ")";
    }
}
