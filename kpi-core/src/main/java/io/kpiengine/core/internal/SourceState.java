package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The aggregation state of one data source: one {@link GroupState} per grouping its metrics need, plus the row
 * account. Not thread-safe: one instance per thread, merged at the end.
 */
public final class SourceState {

    private final String source;
    private final Schema schema;
    private final List<GroupState> groups;
    private long rowsAggregated;
    private long rowsRejected;

    /**
     * Creates an empty state.
     *
     * @param source the data source name
     * @param schema the schema of its batches
     * @param groups empty group states, one per grouping
     */
    public SourceState(String source, Schema schema, List<GroupState> groups) {
        this.source = Objects.requireNonNull(source, "source");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.groups = List.copyOf(groups);
    }

    /**
     * A new, empty state with the same groupings.
     *
     * @return the empty state
     */
    public SourceState emptyCopy() {
        List<GroupState> copies = new ArrayList<>();
        for (GroupState g : groups) {
            copies.add(g.emptyCopy());
        }
        return new SourceState(source, schema, copies);
    }

    /**
     * Aggregates a batch into every grouping and counts its rejected records.
     *
     * @param batch the batch
     */
    public void add(RecordBatch batch) {
        rowsAggregated += batch.size();
        rowsRejected += batch.rejected().size();
        for (GroupState g : groups) {
            g.add(batch);
        }
    }

    /** Puts every group state in its final form; call on the thread that filled this state, before merging. */
    public void finish() {
        for (GroupState g : groups) {
            g.finish();
        }
    }

    /**
     * Merges another state of the same source and groupings into this one.
     *
     * @param other the other state
     */
    public void mergeFrom(SourceState other) {
        if (!other.schema.equals(schema) || other.groups.size() != groups.size()) {
            throw new IllegalArgumentException("cannot merge the state of source '" + other.source + "' with schema "
                    + other.schema + " into source '" + source + "' with schema " + schema);
        }
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).mergeFrom(other.groups.get(i));
        }
        rowsAggregated += other.rowsAggregated;
        rowsRejected += other.rowsRejected;
    }

    /**
     * The data source name.
     *
     * @return the name
     */
    public String source() {
        return source;
    }

    /**
     * The schema.
     *
     * @return the schema
     */
    public Schema schema() {
        return schema;
    }

    /**
     * The group states.
     *
     * @return an immutable list
     */
    public List<GroupState> groups() {
        return groups;
    }

    /**
     * The group state of a grouping.
     *
     * @param spec the grouping
     * @return the group state
     * @throws IllegalArgumentException if there is none
     */
    public GroupState group(GroupSpec spec) {
        for (GroupState g : groups) {
            if (g.spec().equals(spec)) {
                return g;
            }
        }
        throw new IllegalArgumentException("source '" + source + "' has no grouping " + spec);
    }

    /**
     * Rows aggregated.
     *
     * @return the count
     */
    public long rowsAggregated() {
        return rowsAggregated;
    }

    /**
     * Records rejected by the reader.
     *
     * @return the count
     */
    public long rowsRejected() {
        return rowsRejected;
    }

    /**
     * Rows without a time value in any grouping (the maximum over groupings).
     *
     * @return the count
     */
    public long rowsWithoutPeriod() {
        long max = 0;
        for (GroupState g : groups) {
            max = Math.max(max, g.rowsWithoutPeriod());
        }
        return max;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(rowsAggregated);
        out.writeLong(rowsRejected);
        out.writeInt(groups.size());
        for (GroupState g : groups) {
            g.write(out);
        }
    }

    void read(DataInput in) throws IOException {
        rowsAggregated = in.readLong();
        rowsRejected = in.readLong();
        int n = in.readInt();
        if (n != groups.size()) {
            throw new IOException("source '" + source + "' has " + groups.size() + " groupings, but the state has " + n);
        }
        for (GroupState g : groups) {
            g.read(in);
        }
    }
}
