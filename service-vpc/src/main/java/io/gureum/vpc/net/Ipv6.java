package io.gureum.vpc.net;

import io.gureum.core.http.IpLiterals;
import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** IPv6 blocks: the Amazon-provided /56 of a VPC and the /64 blocks of its subnets. */
public final class Ipv6 {
    private Ipv6() {
    }

    /** An address and prefix: {@code 2600:1f18:abcd:1200::/56}. */
    public record Block(BigInteger start, int prefix) {
        public boolean contains(Block other) {
            return other.prefix >= prefix && other.start.shiftRight(128 - prefix).equals(start.shiftRight(128 - prefix));
        }

        @Override
        public String toString() {
            byte[] b = start.toByteArray();
            byte[] full = new byte[16];
            int n = Math.min(b.length, 16);
            System.arraycopy(b, b.length - n, full, 16 - n, n);
            StringBuilder sb = new StringBuilder();
            // AWS prints the blocks it hands out as four groups then '::'
            for (int i = 0; i < 8; i += 2) {
                int group = ((full[i] & 255) << 8) | (full[i + 1] & 255);
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(group));
            }
            return sb.append("::/").append(prefix).toString();
        }
    }

    public static Block parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0 || !text.contains(":")) {
            throw new IllegalArgumentException("bad IPv6 CIDR " + text);
        }
        try {
            byte[] bytes = IpLiterals.parse(text.substring(0, slash));
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (bytes.length != 16 || prefix < 0 || prefix > 128) {
                throw new IllegalArgumentException("bad IPv6 CIDR " + text);
            }
            BigInteger start = new BigInteger(1, bytes);
            if (prefix < 128 && start.and(BigInteger.ONE.shiftLeft(128 - prefix).subtract(BigInteger.ONE)).signum() != 0) {
                throw new IllegalArgumentException("not a network address " + text);
            }
            return new Block(start, prefix);
        } catch (IpLiterals.NotALiteral | NumberFormatException e) {
            throw new IllegalArgumentException("bad IPv6 CIDR " + text);
        }
    }

    /** A /56 from Amazon's 2600:1f00::/24 range, as AWS assigns with AmazonProvidedIpv6CidrBlock. */
    public static Block amazonProvided56(RandomGenerator random) {
        BigInteger base = new BigInteger("26001f", 16).shiftLeft(128 - 24);
        BigInteger net = BigInteger.valueOf(random.nextLong() & 0xFFFFFFFFL).shiftLeft(128 - 56);
        return new Block(base.or(net), 56);
    }
}
