package io.gureum.vpc.net;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Disjoint CIDR blocks with their owners, ordered by start address: finding the block that overlaps a
 * new one takes O(log n) (the candidate is the block with the greatest start at or before the new
 * block's end), so subnet conflict checks do not scan every subnet of a VPC.
 */
public final class CidrIndex<T> {
    private final TreeMap<Long, Map.Entry<Cidr, T>> byStart = new TreeMap<>();

    /** The owner of a block overlapping {@code cidr}, if any. */
    public Optional<T> overlapping(Cidr cidr) {
        Map.Entry<Long, Map.Entry<Cidr, T>> e = byStart.floorEntry(cidr.end());
        if (e != null && e.getValue().getKey().overlaps(cidr)) {
            return Optional.of(e.getValue().getValue());
        }
        return Optional.empty();
    }

    /** Adds a block; the caller has checked it overlaps nothing. */
    public void add(Cidr cidr, T owner) {
        if (overlapping(cidr).isPresent()) {
            throw new IllegalStateException(cidr + " overlaps");
        }
        byStart.put(cidr.start(), Map.entry(cidr, owner));
    }

    public void remove(Cidr cidr) {
        byStart.remove(cidr.start());
    }

    /** The owner of the block that contains {@code address}. */
    public Optional<T> containing(long address) {
        Map.Entry<Long, Map.Entry<Cidr, T>> e = byStart.floorEntry(address);
        if (e != null && e.getValue().getKey().contains(address)) {
            return Optional.of(e.getValue().getValue());
        }
        return Optional.empty();
    }

    public int size() {
        return byStart.size();
    }
}
