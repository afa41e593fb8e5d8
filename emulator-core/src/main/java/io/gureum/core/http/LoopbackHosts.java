package io.gureum.core.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Whether a URL a service would call (an SNS HTTP subscription, an EventBridge API destination, an OAuth
 * endpoint) is on this machine. Gureum sends traffic to loopback only, and deciding must not send any either:
 * a host is loopback when it is an IP literal in 127.0.0.0/8 or {@code ::1}, or {@code localhost} or a
 * {@code *.localhost} name (RFC 6761 reserves them for loopback); any other name is refused without a DNS
 * lookup.
 */
public final class LoopbackHosts {
    private LoopbackHosts() {
    }

    /** Whether {@code url}'s host is a loopback address; false for a malformed URL or one without a host. */
    public static boolean isLoopback(String url) {
        try {
            return isLoopback(URI.create(url));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!isIpLiteral(host)) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
