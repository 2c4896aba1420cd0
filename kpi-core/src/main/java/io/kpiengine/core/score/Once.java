package io.kpiengine.core.score;

import java.util.Objects;

/** The one rule of the builders of this package: a single-valued option may be set once. */
final class Once {

    private Once() {
    }

    /**
     * The value of an option that must not be set yet.
     *
     * @param current the option's value so far, null when unset
     * @param value the new value
     * @param what the option's name for the message
     * @param <T> the option's type
     * @return the value
     * @throws NullPointerException if value is null
     * @throws IllegalStateException if current is set: "{what} was already set to {current}"
     */
    static <T> T set(T current, T value, String what) {
        Objects.requireNonNull(value, what);
        if (current != null) {
            throw new IllegalStateException(what + " was already set to " + current);
        }
        return value;
    }
}
