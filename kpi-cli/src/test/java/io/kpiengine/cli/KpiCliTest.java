package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link KpiCli#run(PrintWriter, PrintWriter, String...)} builds only the subcommand it runs (named
 * {@code kpi <name>}); its usage, errors and version must be those of the whole command line, which is the oracle
 * here.
 */
class KpiCliTest {

    private record Result(int exit, String out, String err, String stderr) {
    }

    /** Runs a command, capturing the writers and the process's standard error (where picocli prints warnings). */
    private static Result run(boolean whole, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            PrintWriter o = new PrintWriter(out, true);
            PrintWriter e = new PrintWriter(err, true);
            int exit = whole ? KpiCli.commandLine(o, e).execute(args) : KpiCli.run(o, e, args);
            return new Result(exit, out.toString(), err.toString(), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void everySubcommandsHelp_equalsTheWholeCommandLines_withoutWarnings() {
        for (String name : KpiCli.SUBCOMMANDS) {
            if (name.equals("cds-training")) {
                continue;   // hidden, without options: the launcher's training run
            }
            Result alone = run(false, name, "--help");
            Result whole = run(true, name, "--help");
            assertThat(alone.exit()).as(name).isZero();
            assertThat(alone.out()).as(name).isEqualTo(whole.out());
            assertThat(alone.out()).as(name).startsWith("Usage: kpi " + name + " ");
            assertThat(alone.stderr()).as("%s: nothing on standard error (picocli warnings)", name).isEmpty();
            assertThat(whole.stderr()).as(name).isEmpty();
        }
    }

    @Test
    void usageErrors_andVersion_equalTheWholeCommandLines() {
        String[][] cases = {{"run", "--bogus", "--catalog", "c.yaml"}, {"run"}, {"track", "--catalog"},
            {"lint", "--max-core-kpis", "many", "--catalog", "c.yaml"}, {"run", "--version"}, {"--version"}, {},
            {"nosuchcommand"}};
        for (String[] args : cases) {
            Result alone = run(false, args);
            Result whole = run(true, args);
            assertThat(alone).as(String.join(" ", args)).isEqualTo(whole);
        }
        Result unknown = run(false, "run", "--bogus", "--catalog", "c.yaml");
        assertThat(unknown.exit()).isEqualTo(KpiCli.USAGE);
        assertThat(unknown.err()).isEqualTo("kpi: Unknown option: '--bogus'" + System.lineSeparator()
                + "Try 'kpi run --help' for more information." + System.lineSeparator());
    }

    /** A command that fails with a bug. */
    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            Object nothing = null;
            return nothing.hashCode();
        }
    }

    @Test
    void aBug_isOneLineAndExitCodeThree_withTheStackTraceOnlyWhenAskedFor() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        cl.addSubcommand("boom", new Boom());
        cl.setErr(new PrintWriter(err, true));   // to the command added after the streams were set
        assertThat(cl.execute("boom")).isEqualTo(KpiCli.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("kpi: internal error, please report it: java.lang.NullPointerException: ")
                .contains("(at io.kpiengine.cli.KpiCliTest$Boom.call:").doesNotContain("\tat ")
                .endsWith("kpi: KPI_DEBUG=1 prints its stack trace" + System.lineSeparator());
    }
}
