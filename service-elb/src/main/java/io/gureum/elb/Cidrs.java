package io.gureum.elb;

import io.gureum.core.http.IpLiterals;
import java.math.BigInteger;

/** Address-in-block checks on literals (never a DNS lookup: {@link IpLiterals}). */
final class Cidrs {
    private Cidrs() {
    }

    /** Whether {@code address} lies in {@code cidr}; false for anything that is not a literal. */
    static boolean contains(String cidr, String address) {
        try {
            int slash = cidr.indexOf('/');
            byte[] net = IpLiterals.parse(cidr.substring(0, slash));
            byte[] ip = IpLiterals.parse(address);
            if (net.length != ip.length) {
                return false;
            }
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            int shift = net.length * 8 - bits;
            return new BigInteger(1, net).shiftRight(shift).equals(new BigInteger(1, ip).shiftRight(shift));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code text} is an IPv4 literal. */
    static boolean isIpv4(String text) {
        try {
            return IpLiterals.parse(text).length == 4;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
