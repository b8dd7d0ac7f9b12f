package org.modeconn.engine.train;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.modeconn.engine.record.EpochRecord;

/**
 * Copies what is being trained after every completed epoch and hands it to the divergence report, so that a
 * NaN loss loses nothing that was good.
 *
 * @param <T> the copied state (a parameter vector, a curve's bends, an ensemble's members)
 */
public final class LastGoodState<T> implements TrainingListener {

    private final Supplier<T> copy;
    private final Function<T, ?> artefact;
    private T state;

    /**
     * @param copy takes a copy of the state at the end of an epoch
     * @param artefact turns a copy into what the user gets back (a network, a curve)
     */
    public LastGoodState(Supplier<T> copy, Function<T, ?> artefact) {
        this.copy = copy;
        this.artefact = artefact;
    }

    @Override
    public void onEpoch(EpochRecord record) {
        state = copy.get();
    }

    /** The copy after the last completed epoch, if one has completed. */
    public Optional<T> latest() {
        return Optional.ofNullable(state);
    }

    @Override
    public Optional<Object> lastGood() {
        return state == null ? Optional.empty() : Optional.of(artefact.apply(state));
    }
}
