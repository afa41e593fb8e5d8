package io.gureum.core.patterns;

import io.gureum.core.http.IpLiterals;
import java.math.BigInteger;

/** The {@code cidr} operator: an IPv4 or IPv6 prefix that a string value (an address) must fall in. */
final class Cidr {
    private final BigInteger network;
    private final int bits;
    private final int length;

    private Cidr(BigInteger network, int bits, int length) {
        this.network = network;
        this.bits = bits;
        this.length = length;
    }

    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new IllegalArgumentException();
            }
            byte[] address = address(text.substring(0, slash));
            int length = Integer.parseInt(text.substring(slash + 1));
            int bits = address.length * 8;
            if (length < 0 || length > bits) {
                throw new IllegalArgumentException();
            }
            return new Cidr(mask(new BigInteger(1, address), bits, length), bits, length);
        } catch (IllegalArgumentException e) {
            throw new InvalidPatternException("Nonstandard IP address: " + text);
        }
    }

    boolean matches(String value) {
        byte[] address;
        try {
            address = address(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return address.length * 8 == bits && mask(new BigInteger(1, address), bits, length).equals(network);
    }

    private static BigInteger mask(BigInteger value, int bits, int length) {
        return value.shiftRight(bits - length);
    }

    /** Parses a literal address only (never a host name lookup). */
    private static byte[] address(String text) {
        return IpLiterals.parse(text);
    }
}
