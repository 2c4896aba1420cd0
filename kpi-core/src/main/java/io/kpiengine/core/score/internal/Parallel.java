package io.kpiengine.core.score.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task over contiguous ranges of {@code 0..n} on up to {@code threads} threads: the caller's thread takes the
 * first range, one new platform thread each of the others (as the engine's aggregation does). The ranges are fixed
 * by n and threads alone, so results written per index do not depend on scheduling.
 */
public final class Parallel {

    /** A task over the half-open range {@code [lo, hi)}. */
    @FunctionalInterface
    public interface Range {
        /**
         * Runs over a range.
         *
         * @param lo first index
         * @param hi one past the last index
         */
        void run(int lo, int hi);
    }

    private Parallel() {
    }

    /**
     * Runs the task over {@code [0, n)} split into up to {@code threads} ranges of nearly equal length.
     *
     * @param n the number of indexes
     * @param threads at least 1
     * @param task the task
     * @throws RuntimeException the first failure of a range (others suppressed)
     */
    public static void ranges(int n, int threads, Range task) {
        int parts = Math.max(1, Math.min(threads, n));
        if (parts == 1) {
            task.run(0, n);
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int lo = (int) ((long) n * p / parts);
            int hi = (int) ((long) n * (p + 1) / parts);
            Thread t = new Thread(() -> {
                try {
                    task.run(lo, hi);
                } catch (Throwable e) {
                    record(failure, e);
                }
            }, "kpi-score-" + p);
            started.add(t);
            t.start();
        }
        try {
            task.run(0, (int) ((long) n / parts));
        } catch (Throwable e) {
            record(failure, e);
        }
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                started.forEach(Thread::interrupt);
                throw new IllegalStateException("interrupted while scoring", e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }

    private static void record(AtomicReference<Throwable> failure, Throwable e) {
        if (!failure.compareAndSet(null, e)) {
            failure.get().addSuppressed(e);
        }
    }
}
