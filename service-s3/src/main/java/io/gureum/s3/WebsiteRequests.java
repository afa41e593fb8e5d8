package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.Timestamps;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.Redirect;
import software.amazon.awssdk.services.s3.model.RedirectAllRequestsTo;
import software.amazon.awssdk.services.s3.model.RoutingRule;
import software.amazon.awssdk.services.s3.model.WebsiteConfiguration;

/**
 * The website endpoint of a bucket, {@code <bucket>.s3-website-<region>.localhost} or
 * {@code <bucket>.s3-website.<region>.localhost}: GET and HEAD of objects with the index document for
 * "folders", a redirect to "folder/" when only its index exists, the error document, routing rules,
 * {@code RedirectAllRequestsTo} and objects' {@code x-amz-website-redirect-location}; errors are HTML pages
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/IndexDocumentSupport.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/CustomErrorDocSupport.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html).
 */
final class WebsiteRequests {
    private final S3Backend s3;
    private final PreOperationAuth auth;

    WebsiteRequests(S3Backend s3, PreOperationAuth auth) {
        this.s3 = s3;
        this.auth = auth;
    }

    /** The bucket of a website Host, or null when the request is for the REST endpoint. */
    static String websiteBucket(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.toLowerCase();
        int at = host.indexOf(".s3-website-");
        if (at < 0) {
            at = host.indexOf(".s3-website.");
        }
        return at > 0 ? host.substring(0, at) : null;
    }

    /** The website's answer, or null when the request is not for a website endpoint. */
    AwsHttpResponse serve(AwsHttpRequest request) {
        String name = websiteBucket(request.header("Host"));
        if (name == null) {
            return null;
        }
        boolean head = "HEAD".equals(request.method());
        if (!head && !"GET".equals(request.method())) {
            return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
                    Map.of("Method", request.method(), "ResourceType", "OBJECT"), head);
        }
        Bucket b = s3.store.buckets.get(name);
        if (b == null) {
            return error(404, "NoSuchBucket", "The specified bucket does not exist", Map.of("BucketName", name), head);
        }
        WebsiteConfiguration site = b.website;
        if (site == null) {
            return error(404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration",
                    Map.of("BucketName", name), head);
        }
        String path = AwsHttpRequest.decode(request.rawPath(), false);
        String requested = path.startsWith("/") ? path.substring(1) : path;
        if (site.redirectAllRequestsTo() != null) {
            RedirectAllRequestsTo all = site.redirectAllRequestsTo();
            String protocol = all.protocolAsString() == null ? "http" : all.protocolAsString();
            return redirect(301, protocol + "://" + all.hostName() + "/" + requested);
        }
        RoutingRule rule = rule(site, requested, null);
        if (rule != null) {
            return redirect(rule, requested, request.header("Host"));
        }
        String index = site.indexDocument() == null ? null : site.indexDocument().suffix();
        String key = (requested.isEmpty() || requested.endsWith("/")) && index != null ? requested + index : requested;
        StoredObject o = key.isEmpty() ? null : current(b, key);
        if (o != null) {
            try {
                auth.read(name, key); // website visitors are anonymous: the object must be public
            } catch (io.gureum.core.error.AwsException denied) {
                return error(denied.status(), denied.code(), denied.getMessage(), Map.of(), head);
            }
            if (o.headers.websiteRedirectLocation() != null) {
                return redirect(301, o.headers.websiteRedirectLocation());
            }
            return object(200, o, head);
        }
        if (index != null && !requested.isEmpty() && !requested.endsWith("/")
                && current(b, requested + "/" + index) != null) {
            return redirect(302, "/" + requested + "/"); // a "folder" named without its slash
        }
        RoutingRule onError = rule(site, requested, "404");
        if (onError != null) {
            return redirect(onError, requested, request.header("Host"));
        }
        if (site.errorDocument() != null) {
            StoredObject page = current(b, site.errorDocument().key());
            if (page != null) {
                return object(404, page, head);
            }
        }
        return error(404, "NoSuchKey", "The specified key does not exist.", Map.of("Key", key), head);
    }

    private static StoredObject current(Bucket b, String key) {
        StoredObject o = b.latest(key);
        return o == null || o.deleteMarker ? null : o;
    }

    /** The first routing rule whose condition holds: its key prefix, and the error code when one is given. */
    private static RoutingRule rule(WebsiteConfiguration site, String key, String errorCode) {
        for (RoutingRule r : site.routingRules()) {
            var c = r.condition();
            String prefix = c == null ? null : c.keyPrefixEquals();
            String code = c == null ? null : c.httpErrorCodeReturnedEquals();
            if ((prefix == null || key.startsWith(prefix)) && java.util.Objects.equals(code, errorCode)) {
                return r;
            }
        }
        return null;
    }

    /** A routing rule's redirect: ReplaceKeyPrefixWith replaces the prefix the condition named (none: prepends). */
    private static AwsHttpResponse redirect(RoutingRule rule, String key, String requestHost) {
        Redirect r = rule.redirect();
        String prefix = rule.condition() == null || rule.condition().keyPrefixEquals() == null ? ""
                : rule.condition().keyPrefixEquals();
        String newKey = key;
        if (r.replaceKeyWith() != null) {
            newKey = r.replaceKeyWith();
        } else if (r.replaceKeyPrefixWith() != null) {
            newKey = r.replaceKeyPrefixWith() + key.substring(prefix.length());
        }
        String protocol = r.protocolAsString() == null ? "http" : r.protocolAsString();
        String host = r.hostName() == null ? requestHost : r.hostName();
        int code = r.httpRedirectCode() == null ? 301 : Integer.parseInt(r.httpRedirectCode());
        return redirect(code, protocol + "://" + host + "/" + newKey);
    }

    private static AwsHttpResponse redirect(int status, String location) {
        return new AwsHttpResponse(status).header("Location", location).header("Content-Length", "0");
    }

    private AwsHttpResponse object(int status, StoredObject o, boolean head) {
        AwsHttpResponse out = new AwsHttpResponse(status).header("ETag", o.etag)
                .header("Last-Modified", Timestamps.rfc822(o.lastModified))
                .header("Content-Type", o.headers.contentType() == null ? "binary/octet-stream"
                        : o.headers.contentType());
        if (head) {
            return out.header("Content-Length", Long.toString(o.size));
        }
        return out.bodyStream(s3.objects.open(o, 0, o.size), o.size);
    }

    private static AwsHttpResponse error(int status, String code, String message, Map<String, String> details,
            boolean head) {
        String requestId = RequestContext.currentOrNull() == null ? "" : RequestContext.current().requestId();
        String title = status + (status == 404 ? " Not Found" : status == 405 ? " Method Not Allowed"
                : status == 403 ? " Forbidden" : "");
        StringBuilder html = new StringBuilder("<html>\n<head><title>").append(title).append("</title></head>\n<body>\n<h1>")
                .append(title).append("</h1>\n<ul>\n<li>Code: ").append(code).append("</li>\n<li>Message: ")
                .append(message).append("</li>\n");
        details.forEach((k, v) -> html.append("<li>").append(k).append(": ").append(escape(v)).append("</li>\n"));
        html.append("<li>RequestId: ").append(requestId).append("</li>\n<li>HostId: ").append(requestId)
                .append("</li>\n</ul>\n<hr/>\n</body>\n</html>\n");
        AwsHttpResponse out = new AwsHttpResponse(status).header("Content-Type", "text/html; charset=utf-8")
                .header("x-amz-error-code", code).header("x-amz-error-message", message);
        return head ? out : out.body(html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
