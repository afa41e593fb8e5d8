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
        InetAddress literal = IpLiterals.address(host);
        return literal != null && literal.isLoopbackAddress();
    }

    /**
     * Whether {@code host} is four dot-separated groups of one to three ASCII digits (the regular expression
     * {@code \d{1,3}(\.\d{1,3}){3}}), checked by hand: the server's Host check runs it on every request.
     */
    public static boolean isDottedQuad(String host) {
        int groups = 0;
        int digits = 0;
        for (int i = 0, n = host.length(); i < n; i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }
}
