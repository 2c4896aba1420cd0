package io.kpiengine.core.track;

/**
 * Receives the alerts of every scorecard a {@link Tracker} makes: a host application forwards them to e-mail, chat or
 * an incident tool. Register with {@link Tracker.Builder#listener(AlertListener)}.
 *
 * <pre>{@code
 * Tracker tracker = Tracker.builder(catalog)
 *         .listener(alert -> {
 *             if (alert.state() == Alert.State.NEW && alert.severity() == AlertSeverity.CRITICAL) {
 *                 pager.send(alert.toString());
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>The tracker calls the listeners on the thread that called {@code track}, after the scorecard is complete: for
 * each alert of {@link Scorecard#alerts()} in order, then {@link #onScorecard(Scorecard)}. A listener that throws
 * stops the notification and the exception reaches the caller of {@code track}. Listeners shared between trackers
 * used from several threads must be thread-safe.
 */
@FunctionalInterface
public interface AlertListener {

    /**
     * Called for every alert of a new scorecard: new, continuing or resolved since the previous run.
     *
     * @param alert the alert
     */
    void onAlert(Alert alert);

    /**
     * Called once per scorecard, after its alerts.
     *
     * @param scorecard the scorecard
     */
    default void onScorecard(Scorecard scorecard) {
    }
}
