package dev.spindle.lab.trace;

import dev.spindle.lab.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timelines in the Chrome trace-event format, which Perfetto (ui.perfetto.dev) and
 * {@code chrome://tracing} open: one process per timeline (a configuration's representative
 * run), one thread track per worker, one complete event ({@code "ph": "X"}) per task, and an
 * instant event ({@code "ph": "i"}) on the receiving thread at every hand-over of the GIL.
 * Timestamps are microseconds since each run began.
 */
public final class ChromeTrace {

    private ChromeTrace() {}

    /** A timeline and the name of its process track, such as {@code "pi on threads x2"}. */
    public record Track(String name, Timeline timeline) {}

    /** The trace as a tree for {@link Json#write}. */
    public static Map<String, Object> tree(List<Track> tracks) {
        List<Object> events = new ArrayList<>();
        int pid = 0;
        for (Track track : tracks) {
            pid++;
            events.add(metadata(pid, 0, "process_name", track.name()));
            events.add(metadata(pid, 0, "process_sort_index", pid));
            Map<String, Integer> tids = new LinkedHashMap<>();
            for (String worker : track.timeline().workers()) {
                tids.put(worker, tids.size() + 1);
            }
            for (Timeline.HandOver h : track.timeline().handOvers()) {
                tids.putIfAbsent(h.to(), tids.size() + 1);
            }
            for (Map.Entry<String, Integer> t : tids.entrySet()) {
                events.add(metadata(pid, t.getValue(), "thread_name", t.getKey()));
            }
            for (Timeline.Span s : track.timeline().spans()) {
                Map<String, Object> e = event(pid, tids.get(s.worker()), "X", "task " + s.taskId(), s.startNanos());
                e.put("dur", (s.endNanos() - s.startNanos()) / 1e3);
                if (s.failed()) {
                    e.put("args", Map.of("failed", true));
                }
                events.add(e);
            }
            for (Timeline.HandOver h : track.timeline().handOvers()) {
                Map<String, Object> e = event(pid, tids.get(h.to()), "i", "GIL hand-over", h.atNanos());
                e.put("s", "t");
                events.add(e);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("traceEvents", events);
        root.put("displayTimeUnit", "ms");
        return root;
    }

    /** Writes the trace to {@code path}, creating its directory. */
    public static void write(List<Track> tracks, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, Json.write(tree(tracks)));
    }

    private static Map<String, Object> event(int pid, int tid, String phase, String name, long nanos) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("ph", phase);
        e.put("ts", nanos / 1e3);
        e.put("pid", pid);
        e.put("tid", tid);
        return e;
    }

    private static Map<String, Object> metadata(int pid, int tid, String name, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("ph", "M");
        e.put("pid", pid);
        e.put("tid", tid);
        e.put("args", Map.of(name.equals("process_sort_index") ? "sort_index" : "name", value));
        return e;
    }
}
