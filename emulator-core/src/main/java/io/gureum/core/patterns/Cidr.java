package io.gureum.core.patterns;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

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
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException(text);
        }
        if (v4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException(text);
                }
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text);
        }
    }
}
