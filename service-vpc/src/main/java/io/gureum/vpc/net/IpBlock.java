package io.gureum.vpc.net;

import java.math.BigInteger;
import java.util.Collection;

/**
 * An IPv4 or IPv6 CIDR block, for IPAM pools that hold either family. Parsing is strict as EC2's is: the address
 * must be the block's network address. IPv6 blocks print in their shortest form ({@code 2001:db8::/32}).
 */
public record IpBlock(BigInteger start, int prefix, boolean ipv6) implements Comparable<IpBlock> {

    public int bits() {
        return ipv6 ? 128 : 32;
    }

    /** The block of {@code text}, or null when it is no CIDR or not a network address. */
    public static IpBlock parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.contains(":")) {
            try {
                Ipv6.Block b = Ipv6.parse(text);
                return new IpBlock(b.start(), b.prefix(), true);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        Cidr c = Cidr.tryParse(text);
        return c == null ? null : new IpBlock(BigInteger.valueOf(c.start()), c.prefix(), false);
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    /** The first address after the block. */
    public BigInteger end() {
        return start.add(size());
    }

    public boolean contains(IpBlock o) {
        return o.ipv6 == ipv6 && o.prefix >= prefix && o.start.compareTo(start) >= 0 && o.end().compareTo(end()) <= 0;
    }

    public boolean overlaps(IpBlock o) {
        return o.ipv6 == ipv6 && o.start.compareTo(end()) < 0 && start.compareTo(o.end()) < 0;
    }

    /**
     * The first block of netmask {@code length} inside this one that overlaps none of {@code taken}, or null when
     * every one does.
     */
    public IpBlock firstFree(int length, Collection<IpBlock> taken) {
        if (length < prefix || length > bits()) {
            return null;
        }
        BigInteger step = BigInteger.ONE.shiftLeft(bits() - length);
        BigInteger at = start;
        while (at.compareTo(end()) < 0) {
            IpBlock candidate = new IpBlock(at, length, ipv6);
            IpBlock hit = null;
            for (IpBlock t : taken) {
                if (t.overlaps(candidate)) {
                    hit = t;
                    break;
                }
            }
            if (hit == null) {
                return candidate;
            }
            // Past the block in the way, rounded up to the next boundary of the netmask.
            BigInteger next = hit.end().max(at.add(step));
            BigInteger rem = next.subtract(start).mod(step);
            at = rem.signum() == 0 ? next : next.add(step.subtract(rem));
        }
        return null;
    }

    @Override
    public int compareTo(IpBlock o) {
        if (ipv6 != o.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int c = start.compareTo(o.start);
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    @Override
    public String toString() {
        if (!ipv6) {
            return Cidr.formatAddress(start.longValue()) + "/" + prefix;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = start.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
        }
        // RFC 5952: the longest run of two or more zero groups becomes "::".
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.append('/').append(prefix).toString();
    }
}
