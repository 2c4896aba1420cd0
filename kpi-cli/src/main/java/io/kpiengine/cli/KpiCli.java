package io.kpiengine.cli;

import io.kpiengine.quality.QualityException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kpi} command: one subcommand per task ({@code kpi clean ...}, {@code kpi lint ...},
 * {@code kpi run ...}, {@code kpi demo}).
 *
 * <p>Exit codes: {@value #OK} success, {@value #GATE_FAILED} a quality gate (or lint) failed, {@value #USAGE}
 * a usage or configuration error. Errors are one message on stderr, never a stack trace. To add a subcommand,
 * add its class to {@code subcommands} below.
 *
 * <pre>{@code
 * int exit = KpiCli.run("clean", "--rules", "rules.yaml", "--data", "in.csv", "--out", "clean.csv");
 * }</pre>
 */
@Command(name = "kpi", mixinStandardHelpOptions = true, versionProvider = KpiCli.Version.class,
        description = "Turns raw business records into KPIs.",
        subcommands = {
            CleanCommand.class,
            LintCommand.class,
            RunCommand.class,
            DemoCommand.class,
        })
public final class KpiCli implements Runnable {

    /** Exit code of success. */
    public static final int OK = 0;
    /** Exit code of a failed quality gate. */
    public static final int GATE_FAILED = 1;
    /** Exit code of a usage or configuration error. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

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
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /**
     * The configured command line: exit codes mapped, errors printed as one message.
     *
     * @param out standard output
     * @param err standard error
     * @return the command line, ready to {@code execute}
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new KpiCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("kpi: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof QualityException || ex instanceof UncheckedIOException
                    || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("kpi: " + ex.getMessage());
                return USAGE;
            }
            throw ex;
        });
        return cl;
    }

    /** Without a subcommand: prints the usage and fails as a usage error. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The version from the jar manifest, or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KpiCli.class.getPackage().getImplementationVersion();
            return new String[] {"kpi " + (v == null ? "development" : v)};
        }
    }
}
