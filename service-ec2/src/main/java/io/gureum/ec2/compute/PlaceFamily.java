package io.gureum.ec2.compute;

import io.gureum.ec2common.persist.RecordSink;

/**
 * A compute family's share of the records of one place (an account's region), for {@code --data-dir}
 * ({@link ComputeRecords}). Record kinds are the family's resource types; no two families share one.
 */
public interface PlaceFamily {
    /** Writes every record the family holds in the place; the caller holds the place's compute store lock. */
    void each(String account, String region, RecordSink sink);

    /** Rebuilds the family in the place from its records, before the server accepts requests. */
    void restore(String account, String region, PlaceRecords records);
}
