package io.gureum.vpc.net;

/**
 * An IPv4 CIDR block as a start address and a prefix length. Parsing is strict: the address must be
 * the block's network address ({@code 10.0.0.1/16} is refused), as EC2 refuses it.
 */
public record Cidr(long start, int prefix) implements Comparable<Cidr> {

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
        if ((start & ~mask(prefix) & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("not a network address");
        }
    }

    /** Parses {@code a.b.c.d/n}; throws IllegalArgumentException when malformed or not aligned. */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("null CIDR");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no prefix: " + text);
        }
        long addr = parseAddress(text.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix: " + text);
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("bad prefix: " + text);
        }
        return new Cidr(addr, prefix);
    }

    /** Like {@link #parse} but returns null instead of throwing. */
    public static Cidr tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static long parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad address: " + text);
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad address: " + text);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("bad address: " + text);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static String formatAddress(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** Number of addresses in the block (a /24 has 256). */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** The last address of the block. */
    public long end() {
        return start + size() - 1;
    }

    public boolean contains(Cidr other) {
        return other.start >= start && other.end() <= end();
    }

    public boolean contains(long address) {
        return address >= start && address <= end();
    }

    public boolean overlaps(Cidr other) {
        return other.start <= end() && start <= other.end();
    }

    /** The {@code index}-th address of the block. */
    public long address(long index) {
        return start + index;
    }

    /** The {@code n}-th block of {@code newPrefix} length inside this one. */
    public Cidr subBlock(int newPrefix, long n) {
        return new Cidr(start + n * (1L << (32 - newPrefix)), newPrefix);
    }

    @Override
    public int compareTo(Cidr o) {
        int c = Long.compare(start, o.start);
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    @Override
    public String toString() {
        return formatAddress(start) + "/" + prefix;
    }
}
