package io.gureum.core.server;

import io.gureum.core.http.IpLiterals;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * The names by which a client may address this server. A DNS-rebinding page reaches the server with
 * its own domain in {@code Host} (a name it controls in public DNS, pointed at 127.0.0.1), so only
 * names that cannot be an attacker's are accepted: {@code localhost} and {@code *.localhost} (RFC 6761),
 * IP literals (a browser sends one only when the page itself was loaded from that address), names
 * without a dot (not registrable in public DNS: {@code localhost}, Docker Compose service names),
 * {@code *.localhost.localstack.cloud} (LocalStack's public name for 127.0.0.1, which S3 virtual hosts
 * use), names under suffixes public DNS never serves ({@code .internal}, {@code .local},
 * {@code .home.arpa}), AWS's own endpoint names ({@code *.amazonaws.com}, which only AWS's DNS serves), and
 * the configured {@code --hostname} with its subdomains (S3 virtual hosts). See
 * docs/security.md.
 */
final class LocalNames {
    private static final String LOCALSTACK = "localhost.localstack.cloud";

    private final String hostname;
    /**
     * The last Host header value found acceptable: clients send the same one on every request, so most requests
     * skip parsing it (a racy cache of an immutable string: at worst a value is checked again).
     */
    private String lastAccepted;

    /** @param hostname the configured extra name, or null */
    LocalNames(String hostname) {
        this.hostname = hostname == null ? null : normalise(hostname);
    }

    /** Whether a {@code Host} header value (with or without port) names this server. */
    boolean acceptsHost(String hostHeader) {
        if (hostHeader != null && hostHeader.equals(lastAccepted)) {
            return true;
        }
        String host = hostOf(hostHeader);
        if (host == null) {
            return false;
        }
        boolean accepted = isIpLiteral(host) || !host.contains(".") || isNamed(host) || isPrivateName(host)
                || isAwsName(host);
        if (accepted) {
            lastAccepted = hostHeader;
        }
        return accepted;
    }

    /**
     * AWS's own endpoint names ({@code kms.eu-west-1.amazonaws.com}), which reach Gureum when a machine's
     * resolver points them here on purpose (transparent endpoint redirection): only AWS controls their DNS,
     * so no rebinding page can use them.
     */
    private static boolean isAwsName(String host) {
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn") || host.endsWith(".api.aws");
    }

    /**
     * Whether an {@code Origin} is this machine: a page served by the server itself or by a local
     * development server ({@code http://localhost:3000}). {@code null} origins (sandboxed frames,
     * {@code file:} pages) are not.
     */
    boolean acceptsOrigin(String origin, InetAddress bound) {
        String host;
        try {
            URI uri = new URI(origin.trim());
            host = uri.getHost();
        } catch (Exception e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        host = normalise(host);
        if (isIpLiteral(host)) {
            InetAddress a = IpLiterals.address(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return a != null && (a.isLoopbackAddress() || a.equals(bound));
        }
        return host.equals("localhost") || isNamed(host);
    }

    /**
     * Names under suffixes that public DNS never serves, so no attacker can point them at us:
     * {@code .internal} (reserved for private use by ICANN in 2024; Docker's {@code host.docker.internal}),
     * {@code .local} (mDNS, RFC 6762) and {@code .home.arpa} (RFC 8375).
     */
    private static boolean isPrivateName(String host) {
        return host.endsWith(".internal") || host.endsWith(".local") || host.endsWith(".home.arpa");
    }

    private boolean isNamed(String host) {
        return host.endsWith(".localhost") || host.equals(LOCALSTACK) || host.endsWith("." + LOCALSTACK)
                || hostname != null && (host.equals(hostname) || host.endsWith("." + hostname));
    }

    /** The host part of a Host header, lower case, without port or trailing dot; null if malformed. */
    static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim();
        if (h.isEmpty()) {
            return null;
        }
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            if (h.indexOf(':', colon + 1) >= 0) {
                return null; // a bare IPv6 address must be bracketed (RFC 3986)
            }
            h = h.substring(0, colon);
        }
        return h.isEmpty() ? null : normalise(h);
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean isIpLiteral(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        return isDottedQuad(host);
    }

    /**
     * Whether {@code host} is four dot-separated groups of one to three ASCII digits (the former regular
     * expression {@code \d{1,3}(\.\d{1,3}){3}}), checked by hand: it runs on every request.
     */
    static boolean isDottedQuad(String host) {
        return io.gureum.core.http.LoopbackHosts.isDottedQuad(host);
    }
}
