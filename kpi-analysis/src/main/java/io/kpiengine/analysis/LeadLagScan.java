package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.LagSums;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A scan of every ordered pair of a set of series for lead/lag relations: the cross-correlation and the Granger
 * tests of each pair, a p-value per pair, Benjamini–Hochberg control of the false discovery rate across the pairs,
 * and a ranking.
 *
 * <pre>{@code
 * LeadLagRanking ranking = LeadLagScan.of(List.of(visits, signups, trials, revenue))
 *         .maxLag(12).maxOrder(4).fdr(0.05).threads(2)
 *         .run();
 * for (LeadLagFinding f : ranking.significant()) {
 *     System.out.println(f.leading() + " leads " + f.lagging() + " by " + f.lead());
 * }
 * }</pre>
 *
 * <p>Each pair's numbers are those of {@link CrossCorrelation} (no pre-whitening) and {@link Granger} on the same
 * pair, to rounding (about 1e-15 relative, as the lag sums are accumulated in other blocks); the pair's p-value is {@link GrangerResult#pValue()} (the smallest ssr F p-value over orders
 * {@code 1..maxOrder} times {@code maxOrder}), and its q-value the Benjamini–Hochberg adjustment of those p-values
 * over all pairs that have one ({@link PValues#benjaminiHochberg(double...)}).
 *
 * <p>Design note. A scan of {@code k} series of {@code n} points costs one pass over the data per unordered pair and
 * lag: each series is centred once and its own lag sums computed once; for each unordered pair {@code (i, j)} the
 * lag sums {@code F_ij(d)} for {@code |d| <= max(maxLag, maxOrder)} serve both ordered pairs (the reverse pair reads
 * them mirrored), both the cross-correlations and the Granger regressions of every order (see
 * {@code GrangerCore}). No FFT: with a dozen lags the direct sums are cheaper. Threads take unordered pairs from a
 * shared counter; results go to a preallocated slot per ordered pair, so the outcome does not depend on the number
 * of threads.
 *
 * <p>The builder is mutable and not thread-safe; each option can be set once; {@link #run()} leaves it reusable and
 * starts its threads itself, joining them before it returns.
 */
public final class LeadLagScan {

    private static final String STATISTIC = "lead/lag scan";

    private final List<Series> series;
    private final LeadLagSettings settings = new LeadLagSettings();
    private @Nullable Double fdr;
    private @Nullable Integer threads;

    private LeadLagScan(List<Series> series) {
        this.series = series;
    }

    /**
     * Starts a scan of every ordered pair of the series.
     *
     * @param series at least two series of the same length with distinct names
     * @return the builder
     * @throws NullPointerException if the list or a series is null
     * @throws IllegalArgumentException if there are fewer than two series, the lengths differ or a name repeats
     */
    public static LeadLagScan of(List<Series> series) {
        List<Series> copy = List.copyOf(series);
        if (copy.size() < 2) {
            throw new IllegalArgumentException("a scan needs at least 2 series, but got " + copy.size());
        }
        Set<String> names = new HashSet<>();
        for (Series s : copy) {
            CrossCorrelation.checkPair(copy.get(0), s);
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("series names must be distinct, but '" + s.name()
                        + "' appears twice");
            }
        }
        return new LeadLagScan(copy);
    }

    /**
     * Sets the largest lag of the cross-correlations (default 12).
     *
     * <pre>{@code
     * LeadLagScan.of(series).maxLag(8).run();
     * }</pre>
     *
     * @param maxLag the largest lag, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxLag < 1}
     * @throws IllegalStateException if it was already set
     */
    public LeadLagScan maxLag(int maxLag) {
        settings.maxLag(maxLag);
        return this;
    }

    /**
     * Sets the largest Granger lag order (default 4).
     *
     * <pre>{@code
     * LeadLagScan.of(series).maxOrder(2).run();
     * }</pre>
     *
     * @param maxOrder the largest order, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxOrder < 1}
     * @throws IllegalStateException if it was already set
     */
    public LeadLagScan maxOrder(int maxOrder) {
        settings.maxOrder(maxOrder);
        return this;
    }

    /**
     * Sets whether the cross-correlations are adjusted (default false).
     *
     * <pre>{@code
     * LeadLagScan.of(series).adjusted(true).run();
     * }</pre>
     *
     * @param adjusted true for denominators {@code n - |k|}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public LeadLagScan adjusted(boolean adjusted) {
        settings.adjusted(adjusted);
        return this;
    }

    /**
     * Sets the confidence level of the cross-correlations' significance bands (default 0.95).
     *
     * <pre>{@code
     * LeadLagScan.of(series).confidence(0.99).run();
     * }</pre>
     *
     * @param confidence the level, in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
     * @throws IllegalStateException if it was already set
     */
    public LeadLagScan confidence(double confidence) {
        settings.confidence(confidence);
        return this;
    }

    /**
     * Sets the false discovery rate for {@link LeadLagFinding#significant()} (default 0.05).
     *
     * <pre>{@code
     * LeadLagScan.of(series).fdr(0.1).run();
     * }</pre>
     *
     * @param fdr the rate, in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code fdr} is not in (0, 1)
     * @throws IllegalStateException if it was already set
     */
    public LeadLagScan fdr(double fdr) {
        LeadLagSettings.once(this.fdr, "fdr");
        if (!(fdr > 0 && fdr < 1)) {
            throw new IllegalArgumentException("fdr must be in (0, 1), but was " + fdr);
        }
        this.fdr = fdr;
        return this;
    }

    /**
     * Sets the number of threads {@link #run()} uses (default 1).
     *
     * <pre>{@code
     * LeadLagScan.of(series).threads(Runtime.getRuntime().availableProcessors()).run();
     * }</pre>
     *
     * @param threads the number of threads, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException if it was already set
     */
    public LeadLagScan threads(int threads) {
        LeadLagSettings.once(this.threads, "threads");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * Sets the policy for missing points (default {@link MissingPolicy#ERROR}).
     *
     * <pre>{@code
     * LeadLagScan.of(series).missing(MissingPolicy.INTERPOLATE).run();
     * }</pre>
     *
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#INTERPOLATE}
     * @return this builder
     * @throws NullPointerException if {@code missing} is null
     * @throws IllegalArgumentException if {@code missing} is {@link MissingPolicy#DROP}
     * @throws IllegalStateException if it was already set
     */
    public LeadLagScan missing(MissingPolicy missing) {
        settings.missing(missing);
        return this;
    }


    /**
     * Runs the scan.
     *
     * @return every ordered pair, ranked
     * @throws AnalysisException if the series are too short for the lags asked, or a point is missing under
     *     {@link MissingPolicy#ERROR}
     */
    public LeadLagRanking run() {
        int k = settings.maxLag();
        int p = settings.maxOrder();
        boolean adj = settings.adjusted();
        double level = settings.confidence();
        double rate = fdr == null ? 0.05 : fdr;
        int workers = threads == null ? 1 : threads;
        MissingPolicy policy = settings.missing();

        int n = series.get(0).size();
        int need = Math.max(CrossCorrelation.minimumPoints(k, Prewhitening.none()), Granger.minimumPoints(p));
        if (n < need) {
            throw new AnalysisException(STATISTIC, "the " + series.size() + " series", "have " + n
                    + " points; maxLag " + k + " and maxOrder " + p + " need at least " + need);
        }
        int d = Math.max(k, p);
        Prepared[] prepared = new Prepared[series.size()];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = new Prepared(series.get(i), series.get(i).complete(policy, STATISTIC), d);
        }
        int count = prepared.length;
        LeadLagFinding[] slots = new LeadLagFinding[count * (count - 1)];
        Scan scan = new Scan(prepared, k, p, d, adj, level, slots);
        scan.runOn(workers);
        return rank(slots, rate);
    }

    private static LeadLagRanking rank(LeadLagFinding[] slots, double rate) {
        List<LeadLagFinding> withP = new ArrayList<>();
        for (LeadLagFinding f : slots) {
            if (f.pValue().isPresent()) {
                withP.add(f);
            }
        }
        double[] raw = new double[withP.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = withP.get(i).pValue().value();
        }
        double[] q = PValues.benjaminiHochberg(raw);
        List<LeadLagFinding> all = new ArrayList<>(slots.length);
        int next = 0;
        for (LeadLagFinding f : slots) {
            if (f.pValue().isPresent()) {
                double qv = q[next++];
                all.add(new LeadLagFinding(f.leading(), f.lagging(), f.crossCorrelation(), f.granger(), f.pValue(),
                        Figure.of(qv), qv <= rate));
            } else {
                all.add(new LeadLagFinding(f.leading(), f.lagging(), f.crossCorrelation(), f.granger(), f.pValue(),
                        Figure.absent(f.pValue().reason().orElseThrow()), false));
            }
        }
        // sort keys computed once per finding: p-value (absent last), then strength at the lead
        double[] p = new double[all.size()];
        double[] strength = new double[all.size()];
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            LeadLagFinding f = all.get(i);
            p[i] = f.pValue().orElse(2);
            strength[i] = Math.abs(f.leadCorrelation().orElse(0));
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> p[i])
                .thenComparingDouble(i -> -strength[i])
                .thenComparing(i -> all.get(i).leading())
                .thenComparing(i -> all.get(i).lagging()));
        List<LeadLagFinding> ranked = new ArrayList<>(order.length);
        for (Integer i : order) {
            ranked.add(all.get(i));
        }
        return new LeadLagRanking(ranked, raw.length, rate);
    }

    /** A series centred once, with its own lag sums. */
    private static final class Prepared {
        final String name;
        final double[] centred;
        final double[] own;
        final double total;
        final @Nullable String constant;

        Prepared(Series series, double[] values, int d) {
            this.name = series.name();
            int n = values.length;
            this.constant = CrossCorrelation.constantReason(series, values);
            double mean = LagSums.mean(values, n);
            this.centred = new double[n];
            for (int t = 0; t < n; t++) {
                centred[t] = values[t] - mean;
            }
            this.own = new double[d + 1];
            LagSums.crossCentred(centred, centred, n, 0, d, own);
            this.total = LagSums.total(centred, 0, n);
        }
    }

    /** The work of one scan, shared by its threads. */
    private static final class Scan {
        final Prepared[] prepared;
        final int maxLag;
        final int maxOrder;
        final int span;
        final boolean adjusted;
        final double confidence;
        final LeadLagFinding[] slots;
        final int pairs;
        final AtomicInteger next = new AtomicInteger();

        Scan(Prepared[] prepared, int maxLag, int maxOrder, int span, boolean adjusted, double confidence,
                LeadLagFinding[] slots) {
            this.prepared = prepared;
            this.maxLag = maxLag;
            this.maxOrder = maxOrder;
            this.span = span;
            this.adjusted = adjusted;
            this.confidence = confidence;
            this.slots = slots;
            this.pairs = prepared.length * (prepared.length - 1) / 2;
        }

        void runOn(int workers) {
            if (workers == 1) {
                work();
                return;
            }
            Thread[] threads = new Thread[workers];
            Throwable[] failure = new Throwable[1];
            for (int w = 0; w < workers; w++) {
                threads[w] = new Thread(() -> {
                    try {
                        work();
                    } catch (Throwable t) {
                        synchronized (failure) {
                            if (failure[0] == null) {
                                failure[0] = t;
                            }
                        }
                    }
                }, "kpi-leadlag-scan-" + w);
                threads[w].start();
            }
            boolean interrupted = false;
            for (Thread t : threads) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            }
            if (failure[0] instanceof Error e) {
                throw e;
            }
        }

        private void work() {
            int width = 2 * span + 1;
            double[] sums = new double[width];
            double[] mirrored = new double[width];
            Granger.Workspace workspace = new Granger.Workspace(maxOrder);
            int count = prepared.length;
            while (true) {
                int from = next.getAndAdd(8);
                if (from >= pairs) {
                    return;
                }
                int to = Math.min(pairs, from + 8);
                // decode the first pair index into (i, j), then walk
                int i = 0;
                int rest = from;
                while (rest >= count - 1 - i) {
                    rest -= count - 1 - i;
                    i++;
                }
                int j = i + 1 + rest;
                for (int pair = from; pair < to; pair++) {
                    pair(i, j, sums, mirrored, workspace);
                    if (++j == count) {
                        i++;
                        j = i + 1;
                    }
                }
            }
        }

        private void pair(int i, int j, double[] sums, double[] mirrored, Granger.Workspace workspace) {
            Prepared a = prepared[i];
            Prepared b = prepared[j];
            int count = prepared.length;
            if (a.constant != null || b.constant != null) {
                String reason = a.constant != null ? a.constant : Objects.requireNonNull(b.constant);
                slots[i * (count - 1) + j - 1] = undefined(a, b, reason);
                slots[j * (count - 1) + i] = undefined(b, a, reason);
                return;
            }
            int n = a.centred.length;
            LagSums.crossCentred(a.centred, b.centred, n, -span, span, sums);
            for (int d = -span; d <= span; d++) {
                mirrored[d + span] = sums[-d + span];
            }
            slots[i * (count - 1) + j - 1] = finding(a, b, sums, workspace);
            slots[j * (count - 1) + i] = finding(b, a, mirrored, workspace);
        }

        private LeadLagFinding finding(Prepared x, Prepared y, double[] fxy, Granger.Workspace workspace) {
            int n = x.centred.length;
            CrossCorrelation ccf = CrossCorrelation.fromSums(x.name, y.name, n, maxLag, adjusted, confidence, fxy, span,
                    x.own[0], y.own[0]);
            GrangerResult granger = Granger.fromSums(x.name, y.name, x.centred, 0, y.centred, 0, n, maxOrder, x.own,
                    y.own, fxy, span, x.total, y.total, workspace);
            Figure p = granger.pValue();
            return new LeadLagFinding(x.name, y.name, ccf, granger, p, p, false);
        }

        private LeadLagFinding undefined(Prepared x, Prepared y, String reason) {
            int n = x.centred.length;
            CrossCorrelation ccf = CrossCorrelation.undefined(x.name, y.name, n, maxLag, adjusted, confidence, reason);
            GrangerResult granger = Granger.undefined(x.name, y.name, maxOrder, reason);
            return new LeadLagFinding(x.name, y.name, ccf, granger, granger.pValue(), granger.pValue(), false);
        }
    }
}
