package io.gureum.sqs;

import java.net.URI;

/**
 * Queue URLs: Gureum hands out {@code http://<Host header>/<account>/<name>} and accepts any URL whose
 * path ends in {@code /<account>/<name>}: its own, AWS's
 * {@code https://sqs.<region>.amazonaws.com/<account>/<name>}, the legacy
 * {@code https://<region>.queue.amazonaws.com/…}, and LocalStack's
 * {@code http://sqs.<region>.localhost.localstack.cloud:4566/…}. The region comes from such a host
 * when it names one, otherwise from the request's signature.
 */
final class QueueUrls {
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
        if (url.contains("://")) {
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
        String[] segments = path.replaceAll("^/+|/+$", "").split("/");
        if (segments.length < 2) {
            return null;
        }
        String account = segments[segments.length - 2];
        String name = segments[segments.length - 1];
        if (!account.matches("\\d{12}") || name.isEmpty()) {
            return null;
        }
        return new Parsed(regionOf(host), account, name);
    }

    private static String regionOf(String host) {
        String h = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("sqs.")) {
            String rest = h.substring(4);
            int dot = rest.indexOf('.');
            String candidate = dot < 0 ? "" : rest.substring(0, dot);
            return candidate.matches("[a-z]{2}(-[a-z]+)+-\\d") ? candidate : null;
        }
        if (h.contains(".queue.amazonaws.com")) {
            String candidate = h.substring(0, h.indexOf('.'));
            return candidate.matches("[a-z]{2}(-[a-z]+)+-\\d") ? candidate : null;
        }
        return null;
    }
}
