package io.gureum.cloudformation;

import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A template body given inline or by {@code TemplateURL}: an S3 object URL (virtual-hosted or path style,
 * AWS's or this server's), read from Gureum's S3 in-process.
 */
final class TemplateSource {
    private final ServiceClients clients;

    TemplateSource(ServiceClients clients) {
        this.clients = clients;
    }

    /** The body; exactly one of {@code body} and {@code url} must be given (CreateStack's rule). */
    String body(String body, String url, Caller caller) {
        if (body != null && url != null) {
            throw TemplateError.validation("Specify exactly one of TemplateBody or TemplateUrl.");
        }
        if (body == null && url == null) {
            throw TemplateError.validation("Either Template URL or Template Body must be specified.");
        }
        return body != null ? body : fetch(url, caller);
    }

    /** An S3 object by URL ({@code https://bucket.s3.region.amazonaws.com/key}, {@code http://host:port/bucket/key}, {@code s3://bucket/key}). */
    String fetch(String url, Caller caller) {
        String[] location = location(url);
        if (location == null || !clients.serves(S3Client.class)) {
            throw TemplateError.validation("TemplateURL must be a supported URL.");
        }
        try {
            return clients.client(S3Client.class, caller)
                    .getObjectAsBytes(b -> b.bucket(location[0]).key(location[1])).asString(StandardCharsets.UTF_8);
        } catch (AwsServiceException e) {
            throw TemplateError.validation("S3 error: " + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage()));
        }
    }

    static String[] location(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (host == null) {
            return null;
        }
        if ("s3".equals(uri.getScheme())) {
            return split(host, path);
        }
        int s3 = host.indexOf(".s3");
        if (s3 > 0) {
            return split(host.substring(0, s3), path);
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        return new String[] {trimmed.substring(0, slash), trimmed.substring(slash + 1)};
    }

    private static String[] split(String bucket, String path) {
        String key = path.startsWith("/") ? path.substring(1) : path;
        return key.isEmpty() ? null : new String[] {bucket, key};
    }
}
