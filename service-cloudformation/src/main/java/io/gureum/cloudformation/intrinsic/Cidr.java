package io.gureum.cloudformation.intrinsic;

import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.http.IpLiterals;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Fn::Cidr}: {@code count} consecutive blocks of {@code cidrBits} host bits carved from the start
 * of {@code ipBlock}, IPv4 or IPv6 ("Fn::Cidr": cidrBits is the number of subnet bits, i.e. /32 − bits).
 */
final class Cidr {
    private Cidr() {
    }

    static List<String> subnets(String block, int count, int cidrBits) {
        int slash = block.indexOf('/');
        if (slash < 0) {
            throw invalid(block);
        }
        byte[] address;
        int prefix;
        try {
            address = IpLiterals.parse(block.substring(0, slash));
            prefix = Integer.parseInt(block.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw invalid(block);
        }
        int width = address.length * 8;
        int newPrefix = width - cidrBits;
        if (prefix < 0 || prefix > width || cidrBits <= 0 || newPrefix < prefix || count < 1 || count > 256) {
            throw TemplateError.template("Fn::Cidr cannot carve " + count + " blocks of " + cidrBits
                    + " bits from " + block);
        }
        if (BigInteger.valueOf(count).compareTo(BigInteger.ONE.shiftLeft(newPrefix - prefix)) > 0) {
            throw TemplateError.template("Fn::Cidr cannot carve " + count + " blocks of " + cidrBits
                    + " bits from " + block);
        }
        BigInteger base = new BigInteger(1, address);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE);
        base = base.andNot(hostMask);
        BigInteger step = BigInteger.ONE.shiftLeft(cidrBits);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(format(base.add(step.multiply(BigInteger.valueOf(i))), address.length) + "/" + newPrefix);
        }
        return out;
    }

    private static String format(BigInteger value, int bytes) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, fixed, bytes - copy, copy);
        try {
            String s = InetAddress.getByAddress(fixed).getHostAddress();
            return bytes == 16 ? compress(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java writes IPv6 in full ({@code 2001:db8:0:0:0:0:0:0}); AWS answers the compressed form. */
    private static String compress(String full) {
        String[] parts = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < parts.length;) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return left + "::" + right;
    }

    private static RuntimeException invalid(String block) {
        return TemplateError.template("Fn::Cidr requires a valid CIDR block as ipBlock, got " + block);
    }
}
