package dev.spindle.lab;

import dev.spindle.examples.Example;
import dev.spindle.examples.Examples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spindle example [NAME]}: lists the examples, or runs one. Exit code 0 if it ran, 1 if
 * it threw (the exception is printed), 2 for an unknown name.
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Lists the examples (the seeds' programs in Java on Spindle), or runs the one named.")
final class ExampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The example to run; without it, the list.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            if (Examples.all().isEmpty()) {
                out.println("No examples yet.");
            }
            for (Example e : Examples.all()) {
                out.printf(Locale.ROOT, "  %-24s %s%n", e.name(), e.summary());
            }
            return 0;
        }
        Example example = Examples.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown example '" + name + "'; valid: "
                        + (Examples.all().isEmpty() ? "(none yet)" : String.join(", ", Examples.all().stream().map(Example::name).toList()))));
        out.println("== " + example.name() + ": " + example.summary());
        out.flush();
        try {
            example.body().run();
            return 0;
        } catch (Exception e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("example '" + example.name() + "' failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
