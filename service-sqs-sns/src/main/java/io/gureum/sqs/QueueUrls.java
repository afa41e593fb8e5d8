package io.gureum.sqs;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Queue URLs: Gureum hands out {@code http://<Host header>/<account>/<name>} and accepts any URL whose
 * path ends in {@code /<account>/<name>}: its own, AWS's
 * {@code https://sqs.<region>.amazonaws.com/<account>/<name>}, the legacy
 * {@code https://<region>.queue.amazonaws.com/…}, and LocalStack's
 * {@code http://sqs.<region>.localhost.localstack.cloud:4566/…}. The region comes from such a host
 * when it names one, otherwise from the request's signature.
 */
final class QueueUrls {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    /** Characters a URL needs no escaping or checking for: anything else goes through {@link URI}. */
    private static final Pattern PLAIN_URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~:@-]*(/[A-Za-z0-9._~:@!$&'()*+,;=%-]*)*");

    record Parsed(String region, String account, String name) {
    }

    private QueueUrls() {
    }

    static String build(String host, String account, String name) {
        return "http://" + host + "/" + account + "/" + name;
    }

    /** The parsed URL, or null if it does not name a queue. */
    static Parsed parse(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        String host = "";
        String path = url;
        if (PLAIN_URL.matcher(url).matches()) {
            int authority = url.indexOf("://") + 3;
            int slash = url.indexOf('/', authority);
            String hostPort = slash < 0 ? url.substring(authority) : url.substring(authority, slash);
            host = hostPort.substring(hostPort.lastIndexOf('@') + 1);
            int colon = host.indexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
            path = slash < 0 ? "" : url.substring(slash);
        } else if (url.contains("://")) {
            try {
                URI u = URI.create(url);
                host = u.getHost() == null ? "" : u.getHost();
                path = u.getRawPath() == null ? "" : u.getRawPath();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return parsePath(host, path);
    }

    /** The queue a request path names (query clients post to the queue URL), or null. */
    static Parsed parsePath(String host, String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        int nameStart = path.lastIndexOf('/', end - 1) + 1;
        if (nameStart == 0 || nameStart == end) {
            return null;
        }
        int accountStart = path.lastIndexOf('/', nameStart - 2) + 1;
        if (!isAccountId(path, accountStart, nameStart - 1)) {
            return null;
        }
        return new Parsed(regionOf(host), path.substring(accountStart, nameStart - 1), path.substring(nameStart, end));
    }

    private static boolean isAccountId(String path, int start, int end) {
        if (end - start != 12) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String regionOf(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (h.startsWith("sqs.")) {
            String rest = h.substring(4);
            int dot = rest.indexOf('.');
            String candidate = dot < 0 ? "" : rest.substring(0, dot);
            return REGION.matcher(candidate).matches() ? candidate : null;
        }
        if (h.contains(".queue.amazonaws.com")) {
            String candidate = h.substring(0, h.indexOf('.'));
            return REGION.matcher(candidate).matches() ? candidate : null;
        }
        return null;
    }
}
