package io.gureum.elb;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The downloads GetTrustStoreCaCertificatesBundle and GetTrustStoreRevocationContent answer with. AWS hands back a
 * presigned S3 URL of its own copy of the file, valid for ten minutes; Gureum hands back a URL of this server
 * (the Host the client used, like Lambda's GetFunction {@code Code.Location}) that serves the file as ELB read it:
 * <ul>
 * <li>{@code GET /_gureum/elbv2/truststore/<account>/<region>/<name>/<id>/ca-certificates-bundle.pem?Expires=<epoch s>}</li>
 * <li>{@code GET /_gureum/elbv2/truststore/<account>/<region>/<name>/<id>/revocation/<revocation id>.crl?Expires=…}</li>
 * </ul>
 * After ten minutes of the core clock the URL answers 403 {@code AccessDenied} "Request has expired", as an expired
 * presigned S3 URL does; a trust store or revocation file gone answers 404 {@code NoSuchKey}.
 */
final class TrustStoreDownloads {
    static final String PREFIX = "/_gureum/elbv2/truststore/";
    static final Duration VALID = Duration.ofMinutes(10);
    private static final String BUNDLE = "ca-certificates-bundle.pem";

    private final ElbState state;

    TrustStoreDownloads(ElbState state) {
        this.state = state;
    }

    private static String base(RequestContext ctx, ElbState.Place place, StoredTrustStore ts) {
        return "http://" + ctx.host() + PREFIX + place.account + "/" + place.region + "/"
                + ts.resource().substring("truststore/".length()) + "/";
    }

    static String bundleUrl(RequestContext ctx, ElbState.Place place, StoredTrustStore ts, Instant now) {
        return base(ctx, place, ts) + BUNDLE + "?Expires=" + now.plus(VALID).getEpochSecond();
    }

    static String revocationUrl(RequestContext ctx, ElbState.Place place, StoredTrustStore ts,
            StoredTrustStore.Revocation rev, Instant now) {
        return base(ctx, place, ts) + "revocation/" + rev.id + ".crl?Expires=" + now.plus(VALID).getEpochSecond();
    }

    /** Serves a download, or null when the path is not one of this class's. */
    AwsHttpResponse handle(AwsHttpRequest request) {
        String path = request.rawPath();
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        if (!request.method().equals("GET")) {
            return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
        String[] parts = path.substring(PREFIX.length()).split("/");
        if (parts.length < 5) {
            return error(404, "NoSuchKey", "The specified key does not exist.");
        }
        String expires = request.queryParameter("Expires");
        Instant now = state.context.clock().now();
        try {
            if (expires == null || now.isAfter(Instant.ofEpochSecond(Long.parseLong(expires)))) {
                return error(403, "AccessDenied", "Request has expired");
            }
        } catch (NumberFormatException e) {
            return error(403, "AccessDenied", "Request has expired");
        }
        String arnEnd = ":" + parts[0] + ":truststore/" + parts[2] + "/" + parts[3];
        state.lock.lock();
        try {
            ElbState.Place place = state.place(parts[0], parts[1]);
            StoredTrustStore ts = place.trustStores.values().stream().filter(t -> t.arn.endsWith(arnEnd)).findFirst()
                    .orElse(null);
            if (ts != null && parts.length == 5 && parts[4].equals(BUNDLE)) {
                return new AwsHttpResponse(200).body(ts.bundle.getBytes(StandardCharsets.US_ASCII))
                        .header("Content-Type", "application/x-pem-file");
            }
            if (ts != null && parts.length == 6 && parts[4].equals("revocation") && parts[5].matches("\\d{1,18}\\.crl")) {
                long id = Long.parseLong(parts[5].substring(0, parts[5].length() - 4));
                for (StoredTrustStore.Revocation rev : ts.revocations) {
                    if (rev.id == id) {
                        return new AwsHttpResponse(200).body(Base64.getDecoder().decode(rev.content))
                                .header("Content-Type", "application/pkix-crl");
                    }
                }
            }
            return error(404, "NoSuchKey", "The specified key does not exist.");
        } finally {
            state.lock.unlock();
        }
    }

    /** S3's XML error shape, as a presigned S3 URL answers. */
    private static AwsHttpResponse error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        return new AwsHttpResponse(status).body(xml, "application/xml");
    }
}
