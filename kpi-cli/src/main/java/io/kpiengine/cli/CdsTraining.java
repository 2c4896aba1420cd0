package io.kpiengine.cli;

import io.kpiengine.samples.SampleCatalogs;
import io.kpiengine.samples.SampleEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code kpi cds-training} (hidden): the run the {@code kpi} launcher script records into a class-data-sharing
 * archive on first use ({@code -XX:ArchiveClassesAtExit}), so that every later start finds the classes of the
 * usual commands already parsed, verified and linked. It runs, in a temporary directory, what a nightly job and
 * a user trying the tool run: {@code init} and {@code lint} on a small generated file, {@code run} with the bundled
 * reference job (quality rules, JSON and CSV output, grouping sets) and {@code run --check}. Output is discarded.
 */
@Command(name = "cds-training", hidden = true, description = "Exercise the usual commands (for the launcher's"
        + " class-data archive).")
final class CdsTraining implements Callable<Integer> {

    /** Creates the command. */
    CdsTraining() {
    }

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("kpi-cds");
        try {
            Path events = dir.resolve("events.csv");
            SampleEvents.builder().rows(2_000).build().writeCsv(events);
            Path catalog = dir.resolve("reference-job.yaml");
            try (var in = SampleCatalogs.class.getResourceAsStream(SampleCatalogs.REFERENCE_JOB)) {
                Files.copy(in, catalog);
            }
            PrintWriter quiet = new PrintWriter(new StringWriter());
            KpiCli.run(quiet, quiet, "run", "--catalog", catalog.toString(), "--data", "events=" + events,
                    "--out", dir.resolve("r.json").toString(), "--out", dir.resolve("r.csv").toString(),
                    "--threads", "2", "--metadata");
            KpiCli.run(quiet, quiet, "run", "--catalog", catalog.toString(), "--data", "events=" + events,
                    "--check");
            KpiCli.run(quiet, quiet, "lint", "--catalog", catalog.toString());
            KpiCli.run(quiet, quiet, "init", "--data", events.toString(), "--out",
                    dir.resolve("init.yaml").toString());
            KpiCli.run(quiet, quiet, "run", "--catalog", dir.resolve("init.yaml").toString(), "--data",
                    "events=" + events, "--out", dir.resolve("i.json").toString(), "--grain", "month", "--by",
                    "total");
            return RunCommand.OK;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                // best effort: a temporary directory
            }
        }
    }
}
