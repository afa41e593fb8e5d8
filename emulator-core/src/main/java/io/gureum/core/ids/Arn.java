package io.gureum.core.ids;

import io.gureum.core.topology.Topology;
import java.util.Objects;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account-id:resource}.
 *
 * <p>Region and account may be empty (S3 buckets: {@code arn:aws:s3:::my-bucket}; IAM is global:
 * {@code arn:aws:iam::123456789012:user/alice}), and the account is not always digits (AWS managed
 * policies: {@code arn:aws:iam::aws:policy/AdministratorAccess}). The resource may itself contain
 * ':' and '/'. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    public Arn {
        requireSegment("partition", partition, false);
        requireSegment("service", service, false);
        requireSegment("region", region, true);
        requireSegment("account", accountId, true);
        Objects.requireNonNull(resource, "resource");
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("ARN resource must not be empty");
        }
    }

    public static Arn of(String partition, String service, String region, String account, String resource) {
        return new Arn(partition, service, region, account, resource);
    }

    /** Picks the partition from the region (e.g. {@code cn-north-1} → {@code aws-cn}). */
    public static Arn of(String service, String region, String account, String resource) {
        String partition = Topology.standard().partitionOf(region == null ? "" : region).id();
        return new Arn(partition, service, region, account, resource);
    }

    /**
     * Parses {@code arn:partition:service:region:account:resource}.
     *
     * @throws IllegalArgumentException if {@code text} is not an ARN
     */
    public static Arn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("ARN must not be null");
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            throw new IllegalArgumentException(
                    "Malformed ARN '" + text + "': expected arn:partition:service:region:account:resource");
        }
        try {
            return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed ARN '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * The part of the resource before the first '/' or ':' ({@code user/alice} → {@code user},
     * {@code function:my-fn:3} → {@code function}); empty when the resource has no type, as for S3
     * buckets ({@code arn:aws:s3:::my-bucket}).
     */
    public String resourceType() {
        int i = separator();
        return i < 0 ? "" : resource.substring(0, i);
    }

    /**
     * The part of the resource after the first '/' or ':' ({@code user/alice} → {@code alice},
     * {@code function:my-fn:3} → {@code my-fn:3}, {@code user/div/alice} → {@code div/alice}); the
     * whole resource when it has no type.
     */
    public String resourceId() {
        int i = separator();
        return i < 0 ? resource : resource.substring(i + 1);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    private int separator() {
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            if (c == '/' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static void requireSegment(String name, String value, boolean mayBeEmpty) {
        Objects.requireNonNull(value, name);
        if (!mayBeEmpty && value.isEmpty()) {
            throw new IllegalArgumentException("ARN " + name + " must not be empty");
        }
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException("ARN " + name + " must not contain ':': " + value);
        }
    }
}
