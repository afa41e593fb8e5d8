package io.gureum.core.server;

import io.gureum.core.error.AwsException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * What every request must pass before it is dispatched: an HTTP/1.x version (else 505), a single
 * {@code Host} naming this server (RFC 9112 §3.2: 400 without one; 421 for a name that is not ours,
 * which is how a DNS-rebinding page arrives), and no browser-style cross-site request that changes
 * state: to Gureum's own endpoints unless it is JSON or carries {@value #ADMIN_HEADER} (a page cannot
 * send either without a CORS preflight, which Gureum never grants), and to the AWS API when it is
 * unsigned and a page could have sent it (a form post, an image URL with {@code Action=}). See
 * docs/security.md.
 */
final class FrontDoorChecks {
    static final String ADMIN_HEADER = "X-Gureum-Admin";

    /** A refusal: the error, and whether it belongs to Gureum's own endpoints (answered in their JSON). */
    record Refusal(AwsException error, boolean admin, boolean close) {
    }

    private final LocalNames names;

    FrontDoorChecks(LocalNames names) {
        this.names = names;
    }

    /** Why {@code head} is refused, or null. {@code bound} is the local address the client connected to. */
    Refusal check(HttpRequest head, InetAddress bound) {
        HttpVersion version = head.protocolVersion();
        if (!"HTTP".equals(version.protocolName()) || version.majorVersion() != 1) {
            return new Refusal(new AwsException("HttpVersionNotSupported",
                    "HTTP version " + version.text() + " is not supported; use HTTP/1.1.", 505), false, true);
        }
        HttpHeaders headers = head.headers();
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 || hosts.isEmpty() && version.minorVersion() >= 1) {
            return new Refusal(new AwsException("BadRequest",
                    "An HTTP/1.1 request must carry exactly one Host header.", 400), false, true);
        }
        boolean admin = isAdminPath(head.uri());
        if (hosts.size() == 1 && !names.acceptsHost(hosts.get(0))) {
            return new Refusal(new AwsException("MisdirectedRequest", "Host '" + printable(hosts.get(0))
                    + "' is not a name of this server; start Gureum with --hostname to add one"
                    + " (see docs/security.md).", 421), admin, false);
        }
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        boolean foreignOrigin = origin != null && !names.acceptsOrigin(origin, bound);
        boolean crossSite = foreignOrigin || "cross-site".equalsIgnoreCase(headers.get("Sec-Fetch-Site"));
        String method = head.method().name();
        if (admin) {
            if (crossSite) {
                return new Refusal(new AwsException("AccessDenied",
                        "Gureum's own endpoints refuse requests from another site's page.", 403), true, false);
            }
            if (changesState(method) && !adminCaller(headers)) {
                return new Refusal(new AwsException("AccessDenied", "Send Gureum's own endpoints JSON"
                        + " (Content-Type: application/json) or the " + ADMIN_HEADER + " header.", 403), true, false);
            }
            return null;
        }
        if (crossSite && unsigned(head) && pageCouldSend(head, method)) {
            return new Refusal(new AwsException("AccessDenied",
                    "Unsigned requests from another site's page are refused (see docs/security.md).", 403), false, false);
        }
        return null;
    }

    static boolean isAdminPath(String uri) {
        return uri.startsWith("/_gureum/") || uri.startsWith("/_localstack/") || uri.equals("/_gureum");
    }

    private static boolean changesState(String method) {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    /**
     * A JSON body or the custom header, which a cross-site page cannot send without a preflight; or
     * neither a content type nor an {@code Origin} (curl, the JUnit extension: browsers always send
     * {@code Origin} with a POST). A blank content type counts as none: cfn-response and the CDK's custom
     * resources PUT their answer with {@code Content-Type: ""}, and a page cannot send a blank one cross-site
     * without a preflight (it is no CORS-safelisted type).
     */
    private static boolean adminCaller(HttpHeaders headers) {
        if (headers.contains(ADMIN_HEADER)) {
            return true;
        }
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || type.isBlank()) {
            return !headers.contains(HttpHeaderNames.ORIGIN);
        }
        String t = type.toLowerCase(Locale.ROOT).trim();
        // A state file for /_gureum/state/import: neither type is CORS-safelisted, so a page needs a preflight.
        return t.startsWith("application/json") || t.startsWith("application/x-amz-json")
                || t.startsWith("application/octet-stream") || t.startsWith("application/gzip");
    }

    private static boolean unsigned(HttpRequest head) {
        if (head.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            return false;
        }
        for (String name : head.headers().names()) {
            if (name.regionMatches(true, 0, "x-amz-", 0, 6)) {
                return false;
            }
        }
        String uri = head.uri();
        return !uri.contains("X-Amz-Signature=") && !uri.contains("Signature=");
    }

    /**
     * A request a page can send without a preflight that changes state: a POST with a form or plain-text
     * body (not an S3 browser upload, which carries its own signed policy), or a GET naming an action
     * (query protocols accept those).
     */
    private static boolean pageCouldSend(HttpRequest head, String method) {
        if (method.equals("POST")) {
            String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
            String t = type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
            // Any other type needs a preflight the page would have had to pass.
            return t.isEmpty() || t.startsWith("text/plain") || t.startsWith("application/x-www-form-urlencoded");
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            String uri = head.uri();
            int q = uri.indexOf('?');
            return q >= 0 && (uri.indexOf("Action=", q) >= 0);
        }
        return false;
    }

    private static String printable(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
