package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One compiled formula shared by 8 threads, each with its own inputs; and exp4j's shared Expression for contrast. */
class FormulaConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 20_000;
    private static final String SOURCE = "(revenue - cost) / revenue * 100 + visitors";

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    /** Thread t evaluates revenue = 100 + t, cost = t, visitors = t and expects 100 * 100 / (100 + t) + t. */
    private static double expected(int t) {
        return (100.0 + t - t) / (100.0 + t) * 100 + t;
    }

    private long countWrong(Callable<Long> perThread) throws Exception {
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(perThread));
        }
        long wrong = 0;
        for (Future<Long> f : futures) {
            wrong += f.get();
        }
        return wrong;
    }

    @Test
    void sharedFormula_eightThreads_noWrongResults() throws Exception {
        Formula formula = Formula.compile(SOURCE);
        java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
        long wrong = countWrong(() -> {
            int t = ids.getAndIncrement();
            double[] slots = {100 + t, t, t};
            double[][] columns = {{100 + t}, {t}, {t}};
            double[] out = new double[1];
            long bad = 0;
            for (int i = 0; i < ROUNDS; i++) {
                bad += formula.evaluate(slots) == expected(t) ? 0 : 1;
                formula.evaluateBatch(columns, out, 1);
                bad += out[0] == expected(t) ? 0 : 1;
                bad += formula.explain(slots).value() == expected(t) ? 0 : 1;
            }
            return bad;
        });
        assertThat(wrong).isZero();
    }

    /**
     * exp4j's Expression keeps variable values in the instance, so threads sharing one overwrite each other's
     * inputs between setVariable and evaluate. Up to 5 attempts so the race shows however threads are scheduled.
     */
    @Test
    void sharedExp4jExpression_eightThreads_givesWrongResults() throws Exception {
        Expression shared = new ExpressionBuilder(SOURCE).variables("revenue", "cost", "visitors").build();
        long wrong = 0;
        for (int attempt = 0; attempt < 5 && wrong == 0; attempt++) {
            java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
            wrong = countWrong(() -> {
                int t = ids.getAndIncrement();
                long bad = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    shared.setVariable("revenue", 100 + t).setVariable("cost", t).setVariable("visitors", t);
                    bad += shared.evaluate() == expected(t) ? 0 : 1;
                }
                return bad;
            });
        }
        System.out.println("exp4j shared Expression, " + THREADS + " threads x " + ROUNDS + ": " + wrong
                + " wrong results");
        assertThat(wrong).isPositive();
    }
}
