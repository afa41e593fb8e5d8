package io.gureum.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals, parsed without a DNS lookup. {@link InetAddress#getByName} parses a literal but looks
 * anything else up as a host name, which sends a query off the machine; user input (a template's
 * {@code Fn::Cidr}, a policy's {@code IpAddress} condition, a filter's CIDR) must never cause that.
 */
public final class IpLiterals {
    private IpLiterals() {
    }

    /**
     * The 4 or 16 bytes of an IPv4 dotted quad or an IPv6 literal (without brackets or zone; an IPv4-mapped
     * IPv6 literal gives 4 bytes, as {@link InetAddress} does).
     *
     * @throws NotALiteral if {@code text} is not such a literal
     */
    public static byte[] parse(String text) {
        if (!looksLiteral(text)) {
            throw new NotALiteral(text, null);
        }
        try {
            return InetAddress.getByName(text).getAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new NotALiteral(text, e);
        }
    }

    /** The text given to {@link #parse} is not an IP address literal. */
    public static final class NotALiteral extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotALiteral(String text, Throwable cause) {
            super("not an IP address: " + text, cause);
        }
    }

    /** {@link #parse} as an {@link InetAddress}, or null when {@code text} is not a literal. */
    public static InetAddress address(String text) {
        try {
            return InetAddress.getByAddress(parse(text));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether {@link InetAddress#getByName} would take {@code text} as a literal: a dotted quad of groups up
     * to 255, or text of hex digits, colons and dots that starts with a hex digit or a colon and has a colon
     * (the JDK then parses it as IPv6 or refuses it, and never looks it up).
     */
    private static boolean looksLiteral(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (LoopbackHosts.isDottedQuad(text)) {
            for (String group : text.split("\\.")) {
                if (Integer.parseInt(group) > 255) {
                    return false;
                }
            }
            return true;
        }
        char first = text.charAt(0);
        if (text.indexOf(':') < 0 || !(first == ':' || Character.digit(first, 16) >= 0)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
