package dev.spindle.lab.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The lab's HTML report: one self-contained file that works offline. The page carries the run's
 * JSON results ({@link JsonReport}'s tree, so a report can be drawn again from any saved JSON
 * file), Chart.js (bundled from its webjar) and the script that draws the charts from the data
 * ({@code report.js}: time per configuration, speed-up and efficiency against workers with the
 * ideal line, timelines, the environment, every result's verification).
 *
 * <p>Nothing from the results is written as HTML: the data sits in a JSON script element (with
 * {@code </} escaped, so no value can close it) and the script puts every value into the page as
 * text.
 */
public final class HtmlReport {

    /** The Chart.js version bundled; its webjar is a dependency of this module. */
    static final String CHART_JS_VERSION = "4.5.1";

    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.min.js";

    private HtmlReport() {}

    /** The page for a report tree (as {@link JsonReport#tree} makes, or {@link JsonReport#read} reads). */
    public static String render(Map<String, Object> tree) {
        String data = Json.write(tree).replace("</", "<\\/");
        return resource("dev/spindle/lab/report/report.html")
                .replace("{{chartjsVersion}}", CHART_JS_VERSION)
                .replace("{{data}}", data)
                .replace("{{chartjs}}", resource(CHART_JS))
                .replace("{{app}}", resource("dev/spindle/lab/report/report.js"));
    }

    /** Writes the page for {@code tree} to {@code path}, creating its directory. */
    public static void write(Map<String, Object> tree, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, render(tree));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the lab's jar lacks " + name + ": rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
