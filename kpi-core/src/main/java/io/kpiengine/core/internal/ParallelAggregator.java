package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the aggregation of one source on N threads: the source is split into up to N partitions
 * ({@link RecordSource#split(int)}), each thread aggregates its partition into its own {@link SourceState}, and the
 * states are merged at the end. With one partition the caller's thread does the work.
 */
public final class ParallelAggregator {

    private ParallelAggregator() {
    }

    /**
     * Aggregates a source.
     *
     * @param source the source; it is split and closed here
     * @param parallelism the number of threads, at least 1
     * @param newState creates an empty state for a thread
     * @return the merged state
     * @throws RuntimeException the first failure of a worker (the others are added as suppressed)
     */
    public static SourceState aggregate(RecordSource source, int parallelism, Supplier<SourceState> newState) {
        List<RecordSource> parts = source.split(parallelism);
        if (parts.size() == 1) {
            SourceState state = newState.get();
            drain(parts.get(0), state);
            return state;
        }
        List<SourceState> states = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < parts.size(); i++) {
            RecordSource part = parts.get(i);
            SourceState state = newState.get();
            states.add(state);
            Thread t = new Thread(() -> {
                try {
                    drain(part, state);
                } catch (Throwable e) {
                    if (!failure.compareAndSet(null, e)) {
                        failure.get().addSuppressed(e);
                    }
                }
            }, "kpi-engine-" + source.name() + "-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException("interrupted while aggregating source '" + source.name() + "'", e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        SourceState merged = states.get(0);
        for (int i = 1; i < states.size(); i++) {
            merged.mergeFrom(states.get(i));
        }
        merged.finish();
        return merged;
    }

    private static void drain(RecordSource part, SourceState state) {
        try (part) {
            for (RecordBatch b = part.next(); b != null; b = part.next()) {
                state.add(b);
            }
            state.finish();
        }
    }
}
