package io.kpiengine.cli;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.metric.Linter;
import io.kpiengine.core.metric.Severity;
import io.kpiengine.data.doc.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kpi lint}: validates a metric catalog and prints its governance findings, one per line as
 * {@code file:line:column: SEVERITY rule-id: message}, then a summary line.
 *
 * <pre>
 * kpi lint --catalog catalog.yaml
 * catalog.yaml:31:9: ERROR missing-owner: KPI 'aov' has no owner
 * catalog.yaml:31:9: WARNING missing-review-cycle: KPI 'aov' has no review cycle
 * 2 findings: 1 error, 1 warning, 0 infos
 * </pre>
 *
 * <p>Exit codes: 0 when there is no ERROR finding, 1 when there is at least one, 2 for a usage error or a catalog
 * that cannot be read or is invalid (its problems go to standard error, one per line).
 */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = KpiCli.Version.class,
        description = {"Validate a metric catalog and report governance findings.",
            "Exit codes: 0 no lint errors, 1 lint errors, 2 usage or catalog error."})
final class LintCommand implements Callable<Integer> {

    /** Exit code when no finding is an error. */
    public static final int OK = 0;
    /** Exit code when at least one finding is an error. */
    public static final int LINT_ERRORS = 1;
    /** Exit code for usage errors and unreadable or invalid catalogs. */
    public static final int CONFIG_ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE",
            description = "The metric catalog, YAML or JSON.")
    private Path catalog;

    @Option(names = "--max-core-kpis", paramLabel = "N", defaultValue = "" + Linter.DEFAULT_MAX_CORE_KPIS,
            description = "The most core KPIs per scope before a warning (default: ${DEFAULT-VALUE}).")
    private int maxCoreKpis;

    @Option(names = "--disable", paramLabel = "RULE", split = ",",
            description = "Rules to skip, comma-separated: ${COMPLETION-CANDIDATES}.",
            completionCandidates = RuleIds.class)
    private List<String> disabled = new ArrayList<>();

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    public LintCommand() {
    }

    /**
     * Runs the command.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Linter linter;
        try {
            linter = Linter.builder().maxCoreKpisPerScope(maxCoreKpis).disable(disabled.toArray(new String[0]))
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("kpi lint: " + e.getMessage());
            return CONFIG_ERROR;
        }
        Catalog c;
        try {
            c = Catalog.read(catalog);
        } catch (CatalogException e) {
            List<Problem> problems = e.problems();
            err.println("kpi lint: " + catalog + " is not a valid catalog (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):");
            problems.forEach(p -> err.println(p));
            return CONFIG_ERROR;
        }
        List<LintFinding> findings = linter.lint(c);
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (LintFinding f : findings) {
            out.println(f);
            counts.merge(f.severity(), 1, Integer::sum);
        }
        out.println(findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + ": "
                + plural(counts.getOrDefault(Severity.ERROR, 0), Severity.ERROR) + ", "
                + plural(counts.getOrDefault(Severity.WARNING, 0), Severity.WARNING) + ", "
                + plural(counts.getOrDefault(Severity.INFO, 0), Severity.INFO));
        out.flush();
        return counts.getOrDefault(Severity.ERROR, 0) > 0 ? LINT_ERRORS : OK;
    }

    private static String plural(int n, Severity s) {
        String word = s.name().toLowerCase(Locale.ROOT);
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The rule ids, for help and completion. */
    static final class RuleIds extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        RuleIds() {
            super(Linter.RULES);
        }
    }
}
