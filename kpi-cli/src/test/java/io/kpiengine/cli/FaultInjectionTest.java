package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into {@code kpi clean} and {@code kpi run} running as separate processes
 * ({@code java -cp <test class path> io.kpiengine.cli.KpiCli ...}), each followed by a check that nothing was lost:
 *
 * <ul>
 *   <li><b>SIGTERM</b> at a random moment of a run that replaces earlier outputs: every output is either its previous
 *       complete version or the new complete one (byte for byte the output of an undisturbed run), all of one
 *       command together, and no temporary file is left;</li>
 *   <li><b>a full disk</b> ({@code ulimit -f} in a child {@code bash}, so that writing past the limit fails with
 *       "File too large"), at limits below and between the sizes of the outputs: the command exits 2 naming the
 *       file, and every output is its previous version;</li>
 *   <li><b>corrupt state</b>: random bit flips and truncations of a saved state are all refused (exit 2), outputs
 *       untouched;</li>
 *   <li><b>duplicated and replayed inputs</b>: refused with exit 2 unless {@code --allow-replay}.</li>
 * </ul>
 *
 * <p>A round takes about 30 to 60 seconds on two shared cores; {@code -Dkpi.faults.rounds=N} runs N rounds (more kill
 * points, limits and corruptions), and {@code -Dkpi.faults.seed=S} repeats a sequence. The totals (faults injected,
 * processes run, outputs lost) are printed at the end and written to {@code target/fault-injection.txt}.
 */
class FaultInjectionTest {

    static final int ROUNDS = Integer.getInteger("kpi.faults.rounds", 1);
    static final long SEED = Long.getLong("kpi.faults.seed", System.nanoTime());

    static final AtomicLong FAULTS = new AtomicLong();
    static final AtomicLong PROCESSES = new AtomicLong();
    static final AtomicLong LOST = new AtomicLong();
    static final AtomicLong KILLED = new AtomicLong();
    static final AtomicLong SIGTERMS = new AtomicLong();

    static final String RULES = """
            input:
              columns: {day: date, channel: category, amount: decimal(2), id: text}
            rules:
              duplicates: [{}]
              validity: [{column: amount, min: 0}]
              thresholds: {validity: {warn: 0.5, fail: 0.1}, uniqueness: {warn: 0.5, fail: 0.1}}
            """;

    /** The catalog of {@link TrustTest}: the events' {@code id} column is read by no metric and ignored. */
    static final String CATALOG = TrustTest.CATALOG;

    static final String AS_OF = "2026-01-01T00:00:00Z";

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);

    @AfterAll
    static void report() throws IOException {
        String line = String.format("fault injection (seed %d, %d round%s): %d faults injected (%d SIGTERMs, %d of"
                + " them before the process ended), %d processes run, %d outputs lost", SEED, ROUNDS,
                ROUNDS == 1 ? "" : "s", FAULTS.get(), SIGTERMS.get(), KILLED.get(), PROCESSES.get(), LOST.get());
        System.out.println(line);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("fault-injection.txt"), line + "\n");
        }
    }

    /** A CSV of {@code rows} events of day {@code day} of January 2025, with duplicates and unreadable records. */
    static String events(int rows, int seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("day,channel,amount,id\n");
        for (int i = 0; i < rows; i++) {
            int k = r.nextInt(rows);
            String amount = i % 997 == 0 ? "1.005" : i % 991 == 0 ? "-3.00" : (k % 1000) + "." + (k % 90 + 10);
            sb.append("2025-01-").append(String.format("%02d", 1 + k % 28)).append(",c").append(k % 40).append(',')
                    .append(amount).append(",O").append(k).append('\n');
        }
        return sb.toString();
    }

    /** A finished process: exit code and standard error. */
    record Done(int exit, String err) {
    }

    private Process start(Path work, Long fileLimitKb, String... args) throws IOException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KpiCli.class.getName()));
        java.addAll(List.of(args));
        List<String> command = new ArrayList<>();
        if (fileLimitKb != null) {
            command.addAll(List.of("bash", "-c", "ulimit -f " + fileLimitKb + " && exec \"$0\" \"$@\""));
        }
        command.addAll(java);
        PROCESSES.incrementAndGet();
        return new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("stdout.txt").toFile()).redirectError(work.resolve("stderr.txt").toFile())
                .start();
    }

    private Done finish(Path work, Process p) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the process ends").isTrue();
        return new Done(p.exitValue(), Files.readString(work.resolve("stderr.txt")));
    }

    private Done run(Path work, Long fileLimitKb, String... args) throws Exception {
        return finish(work, start(work, fileLimitKb, args));
    }

    /** The bytes of the named files of a directory (absent ones left out). */
    private static Map<String, byte[]> snapshot(Path work, List<String> names) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String n : names) {
            Path p = work.resolve(n);
            if (Files.exists(p)) {
                out.put(n, Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void restore(Path work, Map<String, byte[]> files, List<String> names) throws IOException {
        for (String n : names) {
            Files.deleteIfExists(work.resolve(n));
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(work.resolve(e.getKey()), e.getValue());
        }
    }

    private static List<String> temporaryFiles(Path work) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".kpi-tmp")).toList();
        }
    }

    /**
     * Counts as lost every output that is neither its previous nor its new complete version, and a command whose
     * outputs mix old and new ones.
     *
     * @param comparable how to compare a file's bytes (the report holds the time of the run)
     */
    private static String check(Map<String, byte[]> now, Map<String, byte[]> before, Map<String, byte[]> after,
            List<String> names, SameOutput comparable) {
        List<String> problems = new ArrayList<>();
        boolean anyOld = false;
        boolean anyNew = false;
        for (String n : names) {
            byte[] x = now.get(n);
            boolean old = comparable.same(n, x, before.get(n));
            boolean fresh = comparable.same(n, x, after.get(n));
            if (!old && !fresh) {
                problems.add(n + " is neither its previous nor its new version (" + (x == null ? "absent"
                        : x.length + " bytes") + ")");
                LOST.incrementAndGet();
            }
            anyOld |= old && !fresh;
            anyNew |= fresh && !old;
        }
        if (anyOld && anyNew) {
            problems.add("the outputs mix previous and new versions");
            LOST.incrementAndGet();
        }
        return String.join("; ", problems);
    }

    /** Whether two versions of an output are the same. */
    interface SameOutput {
        boolean same(String name, byte[] a, byte[] b);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Byte equality, except that a clean report is compared without its time of check, and the rejected records of
     * a run as a set of lines (partitions read in parallel meet them in any order).
     */
    static boolean sameOutput(String name, byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (name.equals("rejected.csv")) {
            return sortedLines(a).equals(sortedLines(b));
        }
        if (!name.equals("report.json")) {
            return java.util.Arrays.equals(a, b);
        }
        try {
            JsonNode x = JSON.readTree(a);
            JsonNode y = JSON.readTree(b);
            ((com.fasterxml.jackson.databind.node.ObjectNode) x).remove("checkedAt");
            ((com.fasterxml.jackson.databind.node.ObjectNode) y).remove("checkedAt");
            return x.equals(y);
        } catch (IOException | ClassCastException e) {
            return false;
        }
    }

    /**
     * Runs {@code previous} for the earlier outputs and {@code next} undisturbed for the new ones (and its time),
     * then {@code next} again a few times with the earlier outputs in place, each stopped by SIGTERM after a random
     * delay; returns what was found lost or left behind.
     */
    private List<String> sigterms(Path work, List<String> outputs, String[] previous, String[] next, boolean aimAtEnd)
            throws Exception {
        assertThat(run(work, null, previous).exit()).isZero();
        Map<String, byte[]> before = snapshot(work, outputs);
        long t0 = System.nanoTime();
        Done reference = run(work, null, next);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(reference.exit()).as(reference.err()).isZero();
        Map<String, byte[]> after = snapshot(work, outputs);
        assertThat(after).hasSameSizeAs(outputs);
        return killRepeatedly(work, next, outputs, before, after, millis, aimAtEnd);
    }

    /**
     * Starts the command with its previous outputs in place and sends SIGTERM after a random delay, a few times;
     * returns what was found lost or left behind.
     *
     * @param millis how long an undisturbed run took
     * @param aimAtEnd whether every other kill aims at the last fifth of the run, where the outputs are written
     */
    private List<String> killRepeatedly(Path work, String[] args, List<String> outputs, Map<String, byte[]> before,
            Map<String, byte[]> after, long millis, boolean aimAtEnd) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 3 * ROUNDS; i++) {
            restore(work, before, outputs);
            double at = aimAtEnd && i % 2 == 0 ? 0.85 + 0.2 * random.nextDouble()
                    : 0.15 + 0.6 * random.nextDouble();
            long delay = (long) (millis * at);
            Process p = start(work, null, args);
            Thread.sleep(delay);
            p.destroy();
            FAULTS.incrementAndGet();
            SIGTERMS.incrementAndGet();
            Done d = finish(work, p);
            if (d.exit() == 143) {
                KILLED.incrementAndGet();
            }
            String problem = check(snapshot(work, outputs), before, after, outputs, FaultInjectionTest::sameOutput);
            if (!problem.isEmpty() || !temporaryFiles(work).isEmpty()) {
                failures.add("SIGTERM after " + delay + " ms (exit " + d.exit() + "): " + problem + " "
                        + temporaryFiles(work));
            }
        }
        return failures;
    }

    @Test
    void sigterm_duringClean_leavesEveryOutputPreviousOrComplete() throws Exception {
        Path work = Files.createDirectories(dir.resolve("clean"));
        Files.writeString(work.resolve("rules.yaml"), RULES);
        Files.writeString(work.resolve("old.csv"), events(500, 1));
        Files.writeString(work.resolve("in.csv"), events(150_000, 2));
        List<String> outputs = List.of("out.csv", "quarantine.csv", "report.json");
        String[] oldArgs = {"clean", "--rules", "rules.yaml", "--data", "old.csv", "--out", "out.csv",
            "--quarantine", "quarantine.csv", "--report", "report.json"};
        String[] newArgs = oldArgs.clone();
        newArgs[4] = "in.csv";
        assertThat(sigterms(work, outputs, oldArgs, newArgs, false)).as("seed %d", SEED).isEmpty();
    }

    @Test
    void sigterm_duringRun_leavesResultsRejectedAndStateTogetherPreviousOrComplete() throws Exception {
        Path work = Files.createDirectories(dir.resolve("run"));
        Files.writeString(work.resolve("catalog.yaml"), CATALOG);
        Files.writeString(work.resolve("day1.csv"), events(2_000, 3));
        Files.writeString(work.resolve("day2.csv"), events(150_000, 4));
        List<String> outputs = List.of("results.json", "rejected.csv", "events.state");
        String[] day1 = {"run", "--catalog", "catalog.yaml", "--data", "events=day1.csv", "--out", "results.json",
            "--rejected", "rejected.csv", "--state-out", "events.state", "--as-of", AS_OF, "--error-budget", "5%"};
        String[] day2 = {"run", "--catalog", "catalog.yaml", "--data", "events=day2.csv", "--out", "results.json",
            "--rejected", "rejected.csv", "--state-in", "events.state", "--state-out", "events.state", "--as-of", AS_OF,
            "--error-budget", "5%"};
        assertThat(sigterms(work, outputs, day1, day2, true)).as("seed %d", SEED).isEmpty();
    }

    @Test
    void diskFull_atLimitsBelowAndBetweenTheOutputs_failsNamingTheFile_andKeepsThePreviousOnes() throws Exception {
        Path work = Files.createDirectories(dir.resolve("full"));
        Files.writeString(work.resolve("rules.yaml"), RULES);
        Files.writeString(work.resolve("old.csv"), events(300, 5));
        Files.writeString(work.resolve("in.csv"), events(40_000, 6));
        List<String> outputs = List.of("out.csv", "quarantine.csv", "report.json");
        String[] args = {"clean", "--rules", "rules.yaml", "--data", "old.csv", "--out", "out.csv", "--quarantine",
            "quarantine.csv", "--report", "report.json"};
        assertThat(run(work, null, args).exit()).isZero();
        Map<String, byte[]> before = snapshot(work, outputs);
        args[4] = "in.csv";
        assertThat(run(work, null, args).exit()).isZero();
        Map<String, byte[]> after = snapshot(work, outputs);
        restore(work, before, outputs);
        long largest = after.values().stream().mapToLong(b -> b.length).max().orElseThrow();

        List<Long> limits = new ArrayList<>();
        for (byte[] b : after.values()) {
            limits.add(Math.max(1L, b.length / 1024L / 2));
        }
        for (int i = 0; i < 2 * ROUNDS; i++) {
            limits.add(1 + (long) (random.nextDouble() * largest / 1024));
        }
        List<String> failures = new ArrayList<>();
        for (long kb : limits) {
            // the message may follow the engine's log lines (warnings about quarantined rows) on stderr
            Done d = run(work, kb, args);
            FAULTS.incrementAndGet();
            Map<String, byte[]> now = snapshot(work, outputs);
            String problem = check(now, before, after, outputs, FaultInjectionTest::sameOutput);
            boolean wroteAll = sameOutput("out.csv", now.get("out.csv"), after.get("out.csv"));
            if (!wroteAll && (d.exit() != 2
                    || !d.err().matches("(?s)(.*\\n)?kpi: cannot write \\S+: File too large.*"))) {
                problem += " exit " + d.exit() + ", " + d.err().strip();
            }
            if (!problem.isEmpty() || !temporaryFiles(work).isEmpty()) {
                failures.add("ulimit -f " + kb + ": " + problem + " " + temporaryFiles(work));
            }
            restore(work, before, outputs);
        }
        // kpi run: the state is written last; a limit below its size must keep every previous output
        Files.writeString(work.resolve("catalog.yaml"), CATALOG);
        List<String> runOutputs = List.of("results.json", "events.state");
        assertThat(run(work, null, "run", "--catalog", "catalog.yaml", "--data", "events=old.csv", "--out",
                "results.json", "--state-out", "events.state", "--as-of", AS_OF, "--error-budget", "5%").exit()).isZero();
        Map<String, byte[]> runBefore = snapshot(work, runOutputs);
        Done full = run(work, 8L, "run", "--catalog", "catalog.yaml", "--data", "events=in.csv", "--out",
                "results.json", "--state-in", "events.state", "--state-out", "events.state", "--as-of", AS_OF,
                "--error-budget", "5%");
        FAULTS.incrementAndGet();
        if (full.exit() != 2 || !full.err().contains(": File too large")) {
            failures.add("run with ulimit -f 8: exit " + full.exit() + ", " + full.err().strip());
        }
        String problem = check(snapshot(work, runOutputs), runBefore, runBefore, runOutputs,
                FaultInjectionTest::sameOutput);
        if (!problem.isEmpty() || !temporaryFiles(work).isEmpty()) {
            failures.add("run with ulimit -f 8: " + problem + " " + temporaryFiles(work));
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
    }

    @Test
    void corruptState_everyBitFlipAndTruncation_isRefused_andNothingWritten() throws Exception {
        Path work = Files.createDirectories(dir.resolve("state"));
        Files.writeString(work.resolve("catalog.yaml"), CATALOG);
        Files.writeString(work.resolve("day1.csv"), events(300, 7));
        Files.writeString(work.resolve("day2.csv"), events(300, 8));
        assertThat(run(work, null, "run", "--catalog", "catalog.yaml", "--data", "events=day1.csv", "--out",
                "results.json", "--state-out", "good.state", "--as-of", AS_OF, "--error-budget", "5%").exit()).isZero();
        byte[] good = Files.readAllBytes(work.resolve("good.state"));
        byte[] results = Files.readAllBytes(work.resolve("results.json"));

        List<byte[]> corrupt = new ArrayList<>();
        for (int i = 0; i < 100 * ROUNDS; i++) {
            byte[] b = good.clone();
            if (i % 4 == 3) {
                b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            } else {
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            corrupt.add(b);
        }
        List<String> failures = new ArrayList<>();
        String[] args = {"run", "--catalog", work.resolve("catalog.yaml").toString(), "--data",
            "events=" + work.resolve("day2.csv"), "--out", work.resolve("results.json").toString(), "--state-in",
            work.resolve("s.state").toString(), "--state-out", work.resolve("s.state").toString(), "--as-of", AS_OF};
        for (int i = 0; i < corrupt.size(); i++) {
            Files.write(work.resolve("s.state"), corrupt.get(i));
            int exit;
            String err;
            if (i < 3) {
                // the first ones through a process of their own, the rest in this JVM (the same command code)
                Done d = run(work, null, args);
                exit = d.exit();
                err = d.err();
            } else {
                StringWriter e = new StringWriter();
                exit = KpiCli.run(new PrintWriter(new StringWriter()), new PrintWriter(e), args);
                err = e.toString();
            }
            FAULTS.incrementAndGet();
            if (exit != 2 || !err.startsWith("kpi run: cannot restore the aggregation state: ")
                    || !java.util.Arrays.equals(Files.readAllBytes(work.resolve("s.state")), corrupt.get(i))
                    || !java.util.Arrays.equals(Files.readAllBytes(work.resolve("results.json")), results)) {
                failures.add("corruption " + i + ": exit " + exit + ", " + err.strip());
                LOST.incrementAndGet();
            }
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
    }

    @Test
    void duplicatedAndReplayedInputs_areRefused_unlessReplayIsAllowed() throws Exception {
        Path work = Files.createDirectories(dir.resolve("replay"));
        Files.writeString(work.resolve("catalog.yaml"), CATALOG);
        Files.writeString(work.resolve("day1.csv"), events(300, 9));
        Files.writeString(work.resolve("day2.csv"), events(300, 10));
        Files.copy(work.resolve("day2.csv"), work.resolve("day2-again.csv"), StandardCopyOption.REPLACE_EXISTING);
        String[] base = {"run", "--catalog", "catalog.yaml", "--out", "results.json", "--as-of", AS_OF,
            "--error-budget", "5%"};
        assertThat(run(work, null, concat(base, "--data", "events=day1.csv", "--state-out", "s.state")).exit())
                .isZero();
        assertThat(run(work, null, concat(base, "--data", "events=day2.csv", "--state-in", "s.state", "--state-out",
                "s.state")).exit()).isZero();
        Map<String, byte[]> before = snapshot(work, List.of("results.json", "s.state"));

        List<String[]> refused = List.of(
                concat(base, "--data", "events=day2.csv", "--state-in", "s.state", "--state-out", "s.state"),
                concat(base, "--data", "events=day2-again.csv", "--state-in", "s.state", "--state-out", "s.state"),
                concat(base, "--data", "events=day1.csv", "--state-in", "s.state", "--state-out", "s.state"),
                concat(base, "--data", "events=day1.csv", "--data", "events=day1.csv"));
        List<String> failures = new ArrayList<>();
        for (String[] args : refused) {
            Done d = run(work, null, args);
            FAULTS.incrementAndGet();
            boolean kept = check(snapshot(work, List.of("results.json", "s.state")), before, before,
                    List.of("results.json", "s.state"), FaultInjectionTest::sameOutput).isEmpty();
            if (d.exit() != 2 || !d.err().matches("(?s)kpi run: input '[^']+' \\([\\d,]+ bytes, sha256:[0-9a-f]{64}\\) of"
                    + " data source 'events' (was already absorbed into this state by run \\d|is given twice).*")
                    || !kept) {
                failures.add(String.join(" ", args) + ": exit " + d.exit() + ", " + d.err().strip());
            }
        }
        Done allowed = run(work, null, concat(base, "--data", "events=day2.csv", "--state-in", "s.state",
                "--allow-replay"));
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(failures).isEmpty();
    }

    private static List<String> sortedLines(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8).lines().sorted().toList();
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
