package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs the aggregation of one source on N partitions: the source is split into up to N partitions
 * ({@link RecordSource#split(int)}), each partition is aggregated into its own {@link SourceState} by a task given
 * to the executor, and the states are merged at the end on the caller's thread. With one partition the caller's
 * thread does the work and the executor is not used.
 *
 * <p>The tasks never wait for each other, so any executor works, one thread included (the partitions then run one
 * after the other). The default executor of an engine starts one thread per task, as the engine did before hosts
 * could pass their own.
 */
public final class ParallelAggregator {

    /** One new thread per task, named {@code kpi-engine-<n>}. */
    public static final Executor THREAD_PER_TASK = task -> {
        Thread t = new Thread(task, "kpi-engine-partition");
        t.setDaemon(true);
        t.start();
    };

    private ParallelAggregator() {
    }

    /**
     * Aggregates a source.
     *
     * @param source the source; it is split and closed here
     * @param parallelism the number of partitions, at least 1
     * @param executor runs the partitions when there are several
     * @param newState creates an empty state for a partition
     * @return the merged state
     * @throws RuntimeException the first failure of a partition (the others are added as suppressed), or the
     *     executor's refusal of a task
     * @throws IllegalStateException if the calling thread is interrupted while it waits (the tasks are cancelled)
     */
    public static SourceState aggregate(RecordSource source, int parallelism, Executor executor,
            Supplier<SourceState> newState) {
        List<RecordSource> parts = source.split(parallelism);
        if (parts.size() == 1) {
            SourceState state = newState.get();
            drain(parts.get(0), state);
            return state;
        }
        List<SourceState> states = new ArrayList<>();
        List<FutureTask<Void>> tasks = new ArrayList<>();
        for (RecordSource part : parts) {
            SourceState state = newState.get();
            states.add(state);
            tasks.add(new FutureTask<>(() -> drain(part, state), null));
        }
        int submitted = 0;
        try {
            for (FutureTask<Void> t : tasks) {
                executor.execute(t);
                submitted++;
            }
        } catch (RuntimeException e) {
            // the executor refused a task: the partitions not submitted are closed, those running are cancelled
            for (int i = submitted; i < parts.size(); i++) {
                parts.get(i).close();
            }
            tasks.forEach(t -> t.cancel(true));
            throw e;
        }
        Throwable failure = null;
        for (FutureTask<Void> t : tasks) {
            try {
                t.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tasks.forEach(x -> x.cancel(true));
                throw new IllegalStateException("interrupted while aggregating source '" + source.name() + "'", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                } else {
                    failure.addSuppressed(e.getCause());
                }
            } catch (CancellationException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("aggregating source '" + source.name() + "' failed", failure);
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
