package org.modeconn.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.record.EpochRecord;

/** Keeps every epoch's record of a session, in order: the learning curve that provenance and reports carry. */
public final class EpochHistory implements TrainingListener {

    private final List<EpochRecord> records = new ArrayList<>();

    @Override
    public void onEpoch(EpochRecord record) {
        records.add(record);
    }

    /** The records so far, a copy. */
    public List<EpochRecord> records() {
        return List.copyOf(records);
    }

    /** Epochs completed so far. */
    public int size() {
        return records.size();
    }
}
