package io.gureum.cloudformation.resource.s3express;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * {@code AWS::S3Express::DirectoryBucket}: a directory bucket (S3 Express One Zone) made by S3's
 * {@code CreateBucket} with a {@code Directory} configuration. {@code Ref} is the bucket name;
 * {@code Fn::GetAtt} gives {@code Arn} ({@code arn:<partition>:s3express:<region>:<account>:bucket/<name>}) and
 * {@code AvailabilityZoneName} (the zone whose ID {@code LocationName} gives, as EC2 names it)
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3express-directorybucket.html).
 * Without a {@code BucketName} one is generated as {@code <stack>-<logicalId>-<suffix>--<zone-id>--x-s3} (lower
 * case, at most 63 characters). {@code BucketName}, {@code LocationName} and {@code DataRedundancy} replace it (the
 * schema's createOnlyProperties); {@code BucketEncryption} and {@code LifecycleConfiguration} change in place.
 * {@code Tags}, {@code InventoryConfigurations} and {@code MetricsConfigurations} are not served (S3 does not tag
 * directory buckets here, and has no inventory or metrics configurations for them): they fail the resource.
 */
public final class DirectoryBucketHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("BucketName", "DataRedundancy", "LocationName",
            "BucketEncryption", "LifecycleConfiguration");
    private static final String SUFFIX = "--x-s3";

    @Override
    public String type() {
        return "AWS::S3Express::DirectoryBucket";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("BucketName", "LocationName", "DataRedundancy");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String zone = r.requiredText("LocationName");
        String redundancy = r.requiredText("DataRedundancy");
        String locationType = switch (redundancy) {
            case "SingleAvailabilityZone" -> "AvailabilityZone";
            case "SingleLocalZone" -> "LocalZone";
            default -> throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/DataRedundancy: " + redundancy
                    + " is not a valid enum value", "InvalidRequest");
        };
        String zoneSuffix = "--" + zone + SUFFIX;
        String name = r.has("BucketName") ? r.text("BucketName")
                : trimDashes(r.generatedLowerCaseName(63 - zoneSuffix.length())) + zoneSuffix;
        S3Client s3 = r.client(S3Client.class);
        s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c
                .location(l -> l.type(locationType).name(zone))
                .bucket(x -> x.type("Directory").dataRedundancy(redundancy))));
        configure(r, s3, name, true);
        return result(r, name, zone);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        configure(r, r.client(S3Client.class), r.physicalId(), false);
        return result(r, r.physicalId(), r.requiredText("LocationName"));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            // A bucket that still holds objects fails with S3's BucketNotEmpty, as on AWS.
            r.client(S3Client.class).deleteBucket(b -> b.bucket(r.physicalId()));
        } catch (NoSuchBucketException gone) {
            // Already deleted.
        }
    }

    /** A generated base must end in a letter or digit before the {@code --<zone>--x-s3} part. */
    private static String trimDashes(String base) {
        int end = base.length();
        while (end > 1 && base.charAt(end - 1) == '-') {
            end--;
        }
        return base.substring(0, end);
    }

    private static void configure(ResourceRequest r, S3Client s3, String bucket, boolean creating) {
        Set<String> changed = creating ? null : r.changedProperties();
        if (creating ? r.has("BucketEncryption") : changed.contains("BucketEncryption")) {
            JsonNode e = r.property("BucketEncryption");
            if (e == null || e.isNull()) {
                s3.deleteBucketEncryption(b -> b.bucket(bucket));
            } else {
                List<ServerSideEncryptionRule> rules = new ArrayList<>();
                for (JsonNode rule : e.path("ServerSideEncryptionConfiguration")) {
                    JsonNode d = rule.path("ServerSideEncryptionByDefault");
                    ServerSideEncryptionRule.Builder b = ServerSideEncryptionRule.builder().bucketKeyEnabled(
                            rule.has("BucketKeyEnabled") ? rule.get("BucketKeyEnabled").asBoolean() : null);
                    if (d.isObject()) {
                        b.applyServerSideEncryptionByDefault(x -> x
                                .sseAlgorithm(ServerSideEncryption.fromValue(d.path("SSEAlgorithm").asText()))
                                .kmsMasterKeyID(d.hasNonNull("KMSMasterKeyID") ? d.get("KMSMasterKeyID").asText()
                                        : null));
                    }
                    rules.add(b.build());
                }
                s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(rules)));
            }
        }
        if (creating ? r.has("LifecycleConfiguration") : changed.contains("LifecycleConfiguration")) {
            JsonNode l = r.property("LifecycleConfiguration");
            if (l == null || l.isNull()) {
                s3.deleteBucketLifecycle(b -> b.bucket(bucket));
            } else {
                List<LifecycleRule> rules = new ArrayList<>();
                for (JsonNode rule : l.path("Rules")) {
                    rules.add(rule(rule));
                }
                s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
            }
        }
    }

    /** A rule of the directory bucket's schema: prefix and size filters, expiration days, aborted uploads. */
    private static LifecycleRule rule(JsonNode rule) {
        LifecycleRule.Builder b = LifecycleRule.builder()
                .id(rule.hasNonNull("Id") ? rule.get("Id").asText() : null)
                .status(ExpirationStatus.fromValue(rule.path("Status").asText()));
        String prefix = rule.hasNonNull("Prefix") ? rule.get("Prefix").asText() : null;
        Long greater = rule.hasNonNull("ObjectSizeGreaterThan") ? Long.valueOf(rule.get("ObjectSizeGreaterThan")
                .asText()) : null;
        Long less = rule.hasNonNull("ObjectSizeLessThan") ? Long.valueOf(rule.get("ObjectSizeLessThan").asText())
                : null;
        int conditions = (prefix != null ? 1 : 0) + (greater != null ? 1 : 0) + (less != null ? 1 : 0);
        if (conditions > 1) {
            b.filter(LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder().prefix(prefix)
                    .objectSizeGreaterThan(greater).objectSizeLessThan(less).build()).build());
        } else {
            b.filter(LifecycleRuleFilter.builder().prefix(greater == null && less == null ? prefix == null ? ""
                    : prefix : null).objectSizeGreaterThan(greater).objectSizeLessThan(less).build());
        }
        if (rule.hasNonNull("ExpirationInDays")) {
            b.expiration(e -> e.days(rule.get("ExpirationInDays").asInt()));
        }
        JsonNode abort = rule.path("AbortIncompleteMultipartUpload");
        if (abort.hasNonNull("DaysAfterInitiation")) {
            b.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(abort.get("DaysAfterInitiation").asInt()));
        }
        return b.build();
    }

    private static Created result(ResourceRequest r, String name, String zoneId) {
        Created c = Created.of(name).attribute("Arn", "arn:" + r.partition() + ":s3express:" + r.stack().region()
                + ":" + r.stack().accountId() + ":bucket/" + name);
        String zoneName = zoneName(r, zoneId);
        return zoneName == null ? c : c.attribute("AvailabilityZoneName", zoneName);
    }

    /** The zone's name as EC2 gives it for the zone ID (none for a zone EC2 does not know, e.g. a Local Zone). */
    private static String zoneName(ResourceRequest r, String zoneId) {
        if (!r.clients().serves(Ec2Client.class)) {
            return null;
        }
        try {
            List<AvailabilityZone> zones = r.client(Ec2Client.class).describeAvailabilityZones(b -> b
                    .zoneIds(zoneId).allAvailabilityZones(true)).availabilityZones();
            return zones.isEmpty() ? null : zones.get(0).zoneName();
        } catch (AwsServiceException unknown) {
            return null;
        }
    }
}
