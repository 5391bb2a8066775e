package dev.spindle.lab.report;

import dev.spindle.lab.SpindleCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report in a real browser: headless Chromium from the system's packages, driven through
 * its chromedriver (CI installs both; see {@code .ci/run}). A lab run writes the page as a user's
 * would, and the browser says which charts it drew, with which series, and whether any script
 * failed. Without Chromium the test is skipped, except on CI, where it fails.
 */
class HtmlReportBrowserTest {

    private static ChromeDriver browser;

    @TempDir
    static Path dir;

    private static Optional<Path> installed(String... names) {
        return Stream.of(names).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @BeforeAll
    static void openBrowser() {
        Optional<Path> chromium = installed("/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = installed("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(chromium.isPresent() && driver.isPresent(), "CI must install chromium and chromium-driver (.ci/run does)");
        }
        assumeTrue(chromium.isPresent() && driver.isPresent(), "no Chromium and chromedriver on this machine");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Opens the page and checks that it drew without a script error. */
    private static void open(Path page) {
        browser.get(page.toUri().toString());
        assertEquals(true, js("return window.labReady === true"), "the report's script did not finish");
        assertEquals(List.of(), js("return window.labErrors"));
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), severe, "errors in the browser's console");
    }

    private static Object chart(String id, String expression) {
        return js("const c = Chart.getChart('" + id + "'); return c ? " + expression + " : null;");
    }

    @Test
    void aLabRunsReportDrawsEveryChartWithTheRightSeries() throws Exception {
        Path html = dir.resolve("run.html");
        StringWriter out = new StringWriter();
        int exit = SpindleCli.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "lab", "-w", "pi,race", "-s", "threads,gil", "-n", "1,2", "--warmups", "0", "-r", "2",
                "--param", "pi.points=200000", "--json", dir.resolve("run.json").toString(), "--html", html.toString(),
                "--trace", dir.resolve("trace.json").toString());
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("HTML report: " + html), out.toString());
        open(html);

        assertEquals(List.of("sequential", "threads \u00d71", "threads \u00d72", "gil \u00d71", "gil \u00d72"), chart("time-pi", "c.data.labels"));
        assertEquals(List.of("min\u2013max", "median"), chart("time-pi", "c.data.datasets.map(d => d.label)"));
        assertEquals(List.of("threads", "gil", "ideal"), chart("speedup-pi", "c.data.datasets.map(d => d.label)"));
        assertEquals(List.of(1L, 2L), chart("speedup-pi", "c.data.datasets[0].data.map(p => p.x)"));
        assertEquals(List.of("threads", "gil", "ideal"), chart("efficiency-pi", "c.data.datasets.map(d => d.label)"));
        assertEquals(true, chart("speedup-pi", "c.chartArea.width > 0 && c.chartArea.height > 0"), "the chart has a drawing area");
        assertEquals(true, chart("time-race", "c.data.labels.length === 5"), "a findings workload has its times");
        assertEquals(null, chart("speedup-race", "c"), "but no speed-up: its figures are findings, not a speed-up");
        @SuppressWarnings("unchecked")
        List<String> statuses = (List<String>) js("return [...document.querySelectorAll('#workload-pi tr[data-status]')].map(r => r.dataset.status)");
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok"), statuses, "every result's verification is in the table");
        assertTrue(((String) js("return document.getElementById('env-cores').textContent")).matches("\\d+"));

        assertTrue(((String) js("return document.querySelector('.advice[data-workload=pi]').textContent")).startsWith("pi: "),
                "the advisor's recommendation for pi");

        // one timeline per strategy, of its run with the most workers; the GIL's has its hand-overs
        assertEquals(List.of("tasks", "GIL hand-over"), chart("timeline-pi-gil", "c.data.datasets.map(d => d.label)"));
        assertEquals(List.of("tasks"), chart("timeline-pi-threads", "c.data.datasets.map(d => d.label)"));
        assertEquals(true, chart("timeline-pi-threads", "c.data.datasets[0].data.length > 0 && c.chartArea.width > 0"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((Map<String, Object>) JsonReader.read(
                Files.readString(dir.resolve("trace.json")))).get("traceEvents");
        assertTrue(events.stream().anyMatch(e -> "X".equals(e.get("ph"))), "tasks as complete events");
        assertTrue(events.stream().anyMatch(e -> "GIL hand-over".equals(e.get("name")) && "i".equals(e.get("ph"))), "hand-overs as instants");
        assertTrue(events.stream().anyMatch(e -> "process_name".equals(e.get("name"))
                && "pi on gil x2".equals(((Map<?, ?>) e.get("args")).get("name"))), "a process per configuration");
    }

    @Test
    void aReportWithoutResultsSaysSo() throws Exception {
        Path json = dir.resolve("empty.json");
        Files.writeString(json, Json.write(Map.of("schema", JsonReport.SCHEMA, "startedAt", "2026-01-02T03:04:05Z", "results", List.of())));
        StringWriter out = new StringWriter();
        assertEquals(0, SpindleCli.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "report", json.toString()));
        assertTrue(out.toString().contains("has no results"), out.toString());
        open(dir.resolve("empty.html"));
        assertTrue(((String) js("return document.getElementById('no-results').textContent")).startsWith("This run has no results"));
        assertEquals(0L, js("return Object.keys(Chart.instances).length"));
    }

}
