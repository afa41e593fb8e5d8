package io.gureum.s3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * Evaluates a bucket's CORS rules the way S3 does: the first rule whose origin (one {@code *} wildcard
 * allowed), method and every requested header match gives the response headers; no match means the
 * request is refused (403 for a preflight). https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 * Ready for core's OPTIONS route and response-header hook; not reachable over HTTP yet.
 */
public final class Cors {
    private Cors() {
    }

    /** The Access-Control-* headers for a request, or null when no rule allows it. */
    public static Map<String, String> evaluate(List<CORSRule> rules, String origin, String method,
            List<String> requestHeaders, boolean preflight) {
        if (rules == null || origin == null || method == null) {
            return null;
        }
        for (CORSRule rule : rules) {
            String matchedOrigin = null;
            for (String allowed : rule.allowedOrigins()) {
                if (wildcard(allowed, origin)) {
                    matchedOrigin = allowed.equals("*") ? "*" : origin;
                    break;
                }
            }
            if (matchedOrigin == null || !rule.allowedMethods().contains(method.toUpperCase(Locale.ROOT))) {
                continue;
            }
            boolean headersOk = true;
            for (String h : requestHeaders) {
                if (rule.allowedHeaders().stream().noneMatch(a -> wildcard(a.toLowerCase(Locale.ROOT),
                        h.trim().toLowerCase(Locale.ROOT)))) {
                    headersOk = false;
                    break;
                }
            }
            if (!headersOk) {
                continue;
            }
            Map<String, String> out = new LinkedHashMap<>();
            out.put("Access-Control-Allow-Origin", matchedOrigin);
            out.put("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
            if (!matchedOrigin.equals("*")) {
                out.put("Access-Control-Allow-Credentials", "true");
                out.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
            }
            if (preflight && !requestHeaders.isEmpty()) {
                out.put("Access-Control-Allow-Headers", String.join(", ", requestHeaders));
            }
            if (!rule.exposeHeaders().isEmpty()) {
                out.put("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
            }
            if (preflight && rule.maxAgeSeconds() != null) {
                out.put("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
            }
            return out;
        }
        return null;
    }

    /** {@code pattern} with at most one {@code *} matching any run of characters. */
    static boolean wildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
    }
}
