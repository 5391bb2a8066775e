package dev.spindle.lab;

import dev.spindle.lab.report.HtmlReport;
import dev.spindle.lab.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code spindle report RESULTS.json}: draws the HTML report of a saved lab run again, from its
 * JSON results, of this schema or an older one.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Draws the HTML report of a lab run from its JSON results (any schema from spindle-lab/1 on).")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS.json", description = "The JSON results of a lab run.")
    Path results;

    @Option(names = "--html", paramLabel = "PATH", description = "Where to write the page (default: beside the results, ending in .html).")
    Path html;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path target = html != null ? html : results.resolveSibling(results.getFileName().toString().replaceFirst("(\\.json)?$", ".html"));
        Map<String, Object> tree;
        try {
            Outputs.checkWritable(target, "the HTML report");
            tree = JsonReport.read(results);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no such file: " + results);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        HtmlReport.write(tree, target);
        if (tree.get("results") instanceof List<?> rows && rows.isEmpty()) {
            out.println(results + " has no results; the page says so.");
        }
        out.println("HTML report: " + target);
        return 0;
    }
}
