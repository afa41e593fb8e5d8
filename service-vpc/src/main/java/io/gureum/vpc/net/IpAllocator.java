package io.gureum.vpc.net;

import java.util.BitSet;

/**
 * Private addresses of one subnet. AWS reserves the first four addresses and the last one of every
 * subnet (network, VPC router, DNS, future use, broadcast), so a /24 offers 251
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
 */
public final class IpAllocator {
    public static final int RESERVED = 5;
    private final Cidr cidr;
    private final BitSet used;

    /** For the records of --data-dir, which set both fields. */
    private IpAllocator() {
        this.cidr = null;
        this.used = null;
    }

    public IpAllocator(Cidr cidr) {
        this.cidr = cidr;
        this.used = new BitSet((int) cidr.size());
    }

    public Cidr cidr() {
        return cidr;
    }

    /** Addresses not reserved and not taken. */
    public long available() {
        return Math.max(0, cidr.size() - RESERVED - used.cardinality());
    }

    /** Takes the lowest free address, or returns -1 when the subnet is full. */
    public long allocate() {
        int i = used.nextClearBit(4);
        if (i >= cidr.size() - 1) {
            return -1;
        }
        used.set(i);
        return cidr.address(i);
    }

    /**
     * Takes the lowest free address outside the given blocks (a subnet's CIDR reservations, which automatic
     * assignment leaves alone), or returns -1 when there is none.
     */
    public long allocateOutside(java.util.List<Cidr> reserved) {
        int i = used.nextClearBit(4);
        while (i < cidr.size() - 1) {
            long a = cidr.address(i);
            Cidr hit = null;
            for (Cidr c : reserved) {
                if (c.contains(a)) {
                    hit = c;
                    break;
                }
            }
            if (hit == null) {
                used.set(i);
                return a;
            }
            i = used.nextClearBit((int) (hit.end() - cidr.start()) + 1);
        }
        return -1;
    }

    /** Takes a chosen address; false when it is reserved, outside the subnet or already taken. */
    public boolean take(long address) {
        if (!isUsable(address) || used.get((int) (address - cidr.start()))) {
            return false;
        }
        used.set((int) (address - cidr.start()));
        return true;
    }

    public boolean isUsable(long address) {
        if (!cidr.contains(address)) {
            return false;
        }
        long i = address - cidr.start();
        return i >= 4 && i < cidr.size() - 1;
    }

    public void release(long address) {
        if (cidr.contains(address)) {
            used.clear((int) (address - cidr.start()));
        }
    }
}
