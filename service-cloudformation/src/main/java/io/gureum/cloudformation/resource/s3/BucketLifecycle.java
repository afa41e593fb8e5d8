package io.gureum.cloudformation.resource.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionTransition;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Transition;

/**
 * A bucket's {@code AccessControl} (a canned ACL in CloudFormation's spelling, {@code Private} for
 * {@code private}) and {@code LifecycleConfiguration} (AWS::S3::Bucket Rule) as S3 calls: what {@code cdk
 * bootstrap}'s staging bucket declares. A rule property this translation does not know fails the resource.
 */
final class BucketLifecycle {
    private static final Set<String> RULE_PROPERTIES = Set.of("Id", "Status", "Prefix", "TagFilters",
            "ObjectSizeGreaterThan", "ObjectSizeLessThan", "ExpirationInDays", "ExpirationDate",
            "ExpiredObjectDeleteMarker", "NoncurrentVersionExpiration", "NoncurrentVersionExpirationInDays",
            "AbortIncompleteMultipartUpload", "Transitions", "NoncurrentVersionTransitions");

    private BucketLifecycle() {
    }

    /** {@code PublicRead} → {@code public-read}; {@code AwsExecRead} → {@code aws-exec-read}. */
    static void applyAccessControl(S3Client s3, String bucket, JsonNode accessControl) {
        String canned = accessControl == null ? "private"
                : accessControl.asText().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        s3.putBucketAcl(b -> b.bucket(bucket).acl(canned));
    }

    /** Puts the rules, or deletes the configuration when the template has none. */
    static void applyLifecycle(S3Client s3, String bucket, JsonNode configuration) {
        if (configuration == null || configuration.path("Rules").isEmpty()) {
            s3.deleteBucketLifecycle(b -> b.bucket(bucket));
            return;
        }
        List<LifecycleRule> rules = new ArrayList<>();
        for (JsonNode r : configuration.path("Rules")) {
            Set<String> unknown = new TreeSet<>();
            r.fieldNames().forEachRemaining(n -> {
                if (!RULE_PROPERTIES.contains(n)) {
                    unknown.add(n);
                }
            });
            if (!unknown.isEmpty()) {
                throw new ResourceFailure("Gureum does not emulate the AWS::S3::Bucket lifecycle rule properties "
                        + unknown);
            }
            rules.add(rule(r));
        }
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
    }

    private static LifecycleRule rule(JsonNode r) {
        LifecycleRule.Builder b = LifecycleRule.builder().id(text(r, "Id")).status(r.path("Status").asText())
                .filter(filter(r));
        if (r.has("ExpirationInDays") || r.has("ExpirationDate") || r.has("ExpiredObjectDeleteMarker")) {
            b.expiration(e -> e.days(integer(r, "ExpirationInDays"))
                    .date(r.has("ExpirationDate") ? Instant.parse(r.get("ExpirationDate").asText()) : null)
                    .expiredObjectDeleteMarker(r.has("ExpiredObjectDeleteMarker")
                            ? r.get("ExpiredObjectDeleteMarker").asBoolean() : null));
        }
        JsonNode noncurrent = r.path("NoncurrentVersionExpiration");
        if (!noncurrent.isMissingNode() || r.has("NoncurrentVersionExpirationInDays")) {
            b.noncurrentVersionExpiration(n -> n.noncurrentDays(noncurrent.isMissingNode()
                    ? integer(r, "NoncurrentVersionExpirationInDays") : integer(noncurrent, "NoncurrentDays"))
                    .newerNoncurrentVersions(integer(noncurrent, "NewerNoncurrentVersions")));
        }
        if (r.has("AbortIncompleteMultipartUpload")) {
            b.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(
                    integer(r.get("AbortIncompleteMultipartUpload"), "DaysAfterInitiation")));
        }
        List<Transition> transitions = new ArrayList<>();
        for (JsonNode t : r.path("Transitions")) {
            transitions.add(Transition.builder().storageClass(t.path("StorageClass").asText())
                    .days(integer(t, "TransitionInDays"))
                    .date(t.has("TransitionDate") ? Instant.parse(t.get("TransitionDate").asText()) : null).build());
        }
        if (!transitions.isEmpty()) {
            b.transitions(transitions);
        }
        List<NoncurrentVersionTransition> older = new ArrayList<>();
        for (JsonNode t : r.path("NoncurrentVersionTransitions")) {
            older.add(NoncurrentVersionTransition.builder().storageClass(t.path("StorageClass").asText())
                    .noncurrentDays(integer(t, "TransitionInDays"))
                    .newerNoncurrentVersions(integer(t, "NewerNoncurrentVersions")).build());
        }
        if (!older.isEmpty()) {
            b.noncurrentVersionTransitions(older);
        }
        return b.build();
    }

    /** A prefix, tags and object sizes; several of them together under {@code And}; none: every object. */
    private static LifecycleRuleFilter filter(JsonNode r) {
        List<Tag> tags = new ArrayList<>();
        r.path("TagFilters").forEach(t -> tags.add(Tag.builder().key(t.path("Key").asText())
                .value(t.path("Value").asText()).build()));
        Long greater = r.has("ObjectSizeGreaterThan") ? r.get("ObjectSizeGreaterThan").asLong() : null;
        Long less = r.has("ObjectSizeLessThan") ? r.get("ObjectSizeLessThan").asLong() : null;
        int parts = (r.has("Prefix") ? 1 : 0) + tags.size() + (greater != null ? 1 : 0) + (less != null ? 1 : 0);
        if (parts > 1) {
            return LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder().prefix(text(r, "Prefix"))
                    .tags(tags.isEmpty() ? null : tags).objectSizeGreaterThan(greater).objectSizeLessThan(less)
                    .build()).build();
        }
        if (!tags.isEmpty()) {
            return LifecycleRuleFilter.builder().tag(tags.get(0)).build();
        }
        if (greater != null) {
            return LifecycleRuleFilter.builder().objectSizeGreaterThan(greater).build();
        }
        if (less != null) {
            return LifecycleRuleFilter.builder().objectSizeLessThan(less).build();
        }
        return LifecycleRuleFilter.builder().prefix(r.has("Prefix") ? r.get("Prefix").asText() : "").build();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Integer integer(JsonNode n, String field) {
        return n.hasNonNull(field) ? Integer.valueOf(n.get(field).asText()) : null;
    }
}
