package dev.spindle.process.internal;

/**
 * What a worker JVM's exit code means, and how the pool says it in a report.
 *
 * <table>
 *   <caption>Exit codes of a worker JVM</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>stopped by its pool</td></tr>
 *   <tr><td>1</td><td>the JVM could not start (a bad option, say), or it crashed (a fatal error: it then
 *       writes a report, which the pool reads), or a task called {@code System.exit(1)}</td></tr>
 *   <tr><td>2</td><td>{@link WorkerMain} was started by hand, without its pool</td></tr>
 *   <tr><td>3</td><td>out of memory: workers run with {@code -XX:+ExitOnOutOfMemoryError}, whose exit code this is</td></tr>
 *   <tr><td>4</td><td>its pool went away (the connection ended), so it halted</td></tr>
 *   <tr><td>5</td><td>the pool's initializer threw</td></tr>
 *   <tr><td>128 + n</td><td>killed by signal n: 137 is SIGKILL, 134 SIGABRT</td></tr>
 * </table>
 * Any other code is a task's own {@code System.exit} or {@code Runtime.halt}.
 */
final class Exits {

    static final int STOPPED = 0;
    static final int MISUSED = 2;
    static final int OUT_OF_MEMORY = 3;
    static final int POOL_GONE = 4;
    static final int INITIALIZER_FAILED = 5;

    private static final String[] SIGNALS = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"
    };

    private Exits() {}

    /**
     * How a worker ended that the pool had not stopped, for a report:
     * {@code "exited with code 137 (128 + 9: killed by SIGKILL)"}.
     */
    static String describe(int code) {
        String meaning = switch (code) {
            case STOPPED -> "as if stopped by its pool, which had not asked: a task called System.exit(0)?";
            case OUT_OF_MEMORY -> "out of memory: -XX:+ExitOnOutOfMemoryError ended the JVM";
            case POOL_GONE -> "its pool went away";
            case INITIALIZER_FAILED -> "the pool's initializer threw";
            default -> {
                int signal = code - 128;
                if (signal > 0 && signal < SIGNALS.length) {
                    yield "128 + " + signal + ": killed by " + SIGNALS[signal];
                }
                yield signal > 0 && signal < 64 ? "128 + " + signal + ": killed by signal " + signal : null;
            }
        };
        return "exited with code " + code + (meaning == null ? "" : " (" + meaning + ")");
    }
}
