package dev.spindle.lab;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * {@code spindle lab --jfr FILE}: a flight recording of the whole run, with the JDK's default
 * settings and Spindle's task events, written to the file when the run ends (after Ctrl-C too).
 * Without a file, nothing is recorded.
 */
final class FlightRecording implements AutoCloseable {

    /** Spindle's events, which no JDK settings file enables. */
    static final List<String> EVENTS = List.of("dev.spindle.TaskSubmitted", "dev.spindle.TaskStarted",
            "dev.spindle.TaskFinished", "dev.spindle.TaskFailed");

    private final Recording recording;
    private final Path file;

    private FlightRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording into {@code file}; with {@code null}, a recording that records nothing. */
    static FlightRecording start(Path file) {
        if (file == null) {
            return new FlightRecording(null, null);
        }
        Recording recording;
        try {
            recording = new Recording(Configuration.getConfiguration("default"));
        } catch (IOException | ParseException e) {
            recording = new Recording();
        }
        for (String event : EVENTS) {
            recording.enable(event);
        }
        recording.setName("spindle lab");
        recording.start();
        return new FlightRecording(recording, file);
    }

    /** Stops the recording and writes it to its file; then {@link #report} says where. */
    void stop() {
        if (recording == null || recording.getState() != jdk.jfr.RecordingState.RUNNING) {
            return;
        }
        recording.stop();
        try {
            recording.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the flight recording to " + file, e);
        }
    }

    /** Where the recording went, if there is one. */
    void report(PrintWriter out) {
        if (recording != null) {
            out.println("Flight recording: " + file + " (jfr print --events 'dev.spindle.*' " + file + ")");
        }
    }

    @Override
    public void close() {
        if (recording != null) {
            recording.close();
        }
    }
}
