package dev.spindle.lab;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code spindle} command: {@code spindle lab} measures the seeds' workloads on every
 * strategy, {@code spindle report} draws a saved run's HTML report again, {@code spindle example}
 * lists and runs the examples. Usage mistakes (an unknown
 * name, a count below one, a bad interval) print one clear line naming the value, the valid
 * choices where there is a list, and exit with code 2; a lab run whose results fail
 * verification exits with 1.
 */
@Command(name = "spindle", mixinStandardHelpOptions = true, versionProvider = SpindleCli.Version.class,
        description = "Spindle: one API over the JVM's execution models, and a lab that measures them.",
        subcommands = {LabCommand.class, ReportCommand.class, ExampleCommand.class, MemberCommand.class, CommandLine.HelpCommand.class})
public final class SpindleCli {

    /** Exit code of a usage mistake (picocli's convention). */
    public static final int USAGE_ERROR = 2;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SpindleCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, ignored) -> {
            CommandLine failing = e.getCommandLine();
            failing.getErr().println("spindle: " + e.getMessage());
            failing.getErr().println("Try '" + failing.getCommandSpec().qualifiedName() + " --help' for the options.");
            return USAGE_ERROR;
        });
        return cli.execute(args);
    }

    /** The version shown by {@code --version}: this build's, from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SpindleCli.class.getPackage().getImplementationVersion();
            return new String[] {"spindle " + (version == null ? "(development build)" : version),
                    "JDK " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"};
        }
    }
}
