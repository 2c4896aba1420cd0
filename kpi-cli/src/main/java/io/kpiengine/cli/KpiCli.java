package io.kpiengine.cli;

import io.kpiengine.base.KpiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kpi} command line: one subcommand per task ({@code kpi clean ...}, {@code kpi lint ...},
 * {@code kpi run ...}, {@code kpi track ...}, {@code kpi report ...}, {@code kpi score ...}, {@code kpi analyze ...},
 * {@code kpi init ...}, {@code kpi demo}), run from {@link #main} or in-process with {@link #run(String...)}.
 *
 * <p>Exit codes: {@value #OK} success, {@value #GATE_FAILED} a quality gate (or lint) failed, {@value #USAGE}
 * a usage or configuration error, {@value #INTERNAL_ERROR} an internal error (a bug). Errors are one message on
 * stderr, never a stack trace. To add a subcommand, add it to {@code SUBCOMMANDS} and {@code subcommand(name)}
 * below.
 *
 * <pre>{@code
 * int exit = KpiCli.run("clean", "--rules", "rules.yaml", "--data", "in.csv", "--out", "clean.csv");
 * }</pre>
 *
 * <p>Thread-safe: every call parses its arguments into new command objects.
 */
public final class KpiCli {

    /** Exit code of success. */
    public static final int OK = 0;
    /** Exit code of a failed quality gate. */
    public static final int GATE_FAILED = 1;
    /** Exit code of a usage or configuration error. */
    public static final int USAGE = 2;
    /**
     * Exit code of an internal error: a bug of kpi, reported as one line on standard error (with the stack trace
     * when the environment variable {@code KPI_DEBUG} is set).
     */
    public static final int INTERNAL_ERROR = 3;

    private KpiCli() {
    }

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command in-process with the standard streams.
     *
     * <pre>{@code
     * int exit = KpiCli.run("lint", "--catalog", "catalog.yaml");   // 0, 1 or 2
     * }</pre>
     *
     * @param args the arguments
     * @return the exit code: {@value #OK}, {@value #GATE_FAILED}, {@value #USAGE} or {@value #INTERNAL_ERROR}
     */
    public static int run(String... args) {
        return run(new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
                new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true), args);
    }

    /**
     * Runs the command in-process, writing its output and error messages to the given writers.
     *
     * <pre>{@code
     * StringWriter out = new StringWriter();
     * StringWriter err = new StringWriter();
     * int exit = KpiCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "lint", "--catalog", "c.yaml");
     * }</pre>
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code: {@value #OK}, {@value #GATE_FAILED}, {@value #USAGE} or {@value #INTERNAL_ERROR}
     * @throws NullPointerException if a writer is null
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        // when the first argument names a subcommand, only its model is built, named "kpi <name>": picocli reads
        // a command's annotations by reflection, which is a good part of a short run's start (BENCHMARKS.md, cold
        // start); otherwise (help, version, a typo) the whole command line is
        Object only = args.length > 0 ? subcommand(args[0]) : null;
        if (only != null) {
            CommandLine cl = configure(new CommandLine(only), out, err);
            cl.getCommandSpec().name("kpi " + args[0]);
            return cl.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        return commandLine(out, err).execute(args);
    }

    /** The configured command line with every subcommand: exit codes mapped, errors printed as one message. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Root());
        for (String name : SUBCOMMANDS) {
            cl.addSubcommand(name, Objects.requireNonNull(subcommand(name), name));   // every name of SUBCOMMANDS
        }
        return configure(cl, out, err);
    }

    /** Sets the streams and the handlers that map errors to exit codes and one-line messages. */
    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("kpi: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof KpiException || ex instanceof UncheckedIOException
                    || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("kpi: " + ex.getMessage());
                return USAGE;
            }
            // a bug: one line a report can quote; the stack trace only when asked for
            commandLine.getErr().println("kpi: internal error, please report it: " + describe(ex));
            if (System.getenv("KPI_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("kpi: KPI_DEBUG=1 prints its stack trace");
            }
            return INTERNAL_ERROR;
        });
        return cl;
    }

    /** An unexpected exception in one line: its type, message and where it was thrown (the first frame of kpi). */
    static String describe(Throwable ex) {
        StackTraceElement at = null;
        for (StackTraceElement e : ex.getStackTrace()) {
            if (at == null) {
                at = e;
            }
            if (e.getClassName().startsWith("io.kpiengine.")) {
                at = e;
                break;
            }
        }
        return ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                + (at == null ? "" : " (at " + at.getClassName() + "." + at.getMethodName() + ":" + at.getLineNumber()
                        + ")");
    }

    /** The subcommands, in the order of the usage text; add a new one here and in {@link #subcommand}. */
    static final List<String> SUBCOMMANDS = List.of("clean", "lint", "run", "track", "report", "score", "analyze",
            "init", "demo", "cds-training");

    /** A new command object of a subcommand (only its class is loaded), or null for another name. */
    private static @Nullable Object subcommand(String name) {
        switch (name) {
            case "clean":
                return new CleanCommand();
            case "lint":
                return new LintCommand();
            case "run":
                return new RunCommand();
            case "track":
                return new TrackCommand();
            case "report":
                return new ReportCommand();
            case "score":
                return new ScoreCommand();
            case "analyze":
                return new AnalyzeCommand();
            case "init":
                return new InitCommand();
            case "demo":
                return new DemoCommand();
            case "cds-training":
                return new CdsTraining();
            default:
                return null;
        }
    }

    /** The root command: without a subcommand it prints the usage and fails as a usage error. */
    @Command(name = "kpi", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Turns raw business records into KPIs.")
    static final class Root implements Runnable {

        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        private CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getErr());
            throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
        }
    }

    /** The project version, written into {@code version.properties} by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kpi " + version()};
        }

        static String version() {
            Properties p = new Properties();
            try (InputStream in = KpiCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        }
    }
}
