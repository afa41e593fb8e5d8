package io.gureum.cloudformation.resource.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * {@code AWS::S3::Bucket}. {@code Ref} is the bucket name; {@code Fn::GetAtt} gives {@code Arn},
 * {@code DomainName}, {@code DualStackDomainName}, {@code RegionalDomainName} and {@code WebsiteURL}
 * (AWS::S3::Bucket reference, "Return values"). Changing {@code BucketName} replaces the bucket.
 *
 * <p>Served properties: {@code BucketName}, {@code Tags}, {@code VersioningConfiguration},
 * {@code PublicAccessBlockConfiguration}, {@code BucketEncryption}, {@code CorsConfiguration},
 * {@code WebsiteConfiguration} (index and error documents), {@code AccessControl} and
 * {@code LifecycleConfiguration} ({@link BucketLifecycle}). A template giving another property fails the
 * resource naming it, rather than creating a bucket without it.
 */
public final class S3BucketHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("BucketName", "Tags", "VersioningConfiguration",
            "PublicAccessBlockConfiguration", "BucketEncryption", "CorsConfiguration", "WebsiteConfiguration",
            "AccessControl", "LifecycleConfiguration");

    private static final Set<String> DASH_WEBSITE_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-west-1", "sa-east-1", "us-gov-west-1");

    @Override
    public String type() {
        return "AWS::S3::Bucket";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("BucketName", "ObjectLockEnabled");
    }

    @Override
    public Created create(ResourceRequest r) {
        refuseUnserved(r);
        String name = r.has("BucketName") ? r.text("BucketName") : r.generatedLowerCaseName(63);
        S3Client s3 = r.client(S3Client.class);
        String region = r.stack().region();
        s3.createBucket(b -> {
            b.bucket(name);
            if (!"us-east-1".equals(region)) {
                b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
        });
        configure(r, s3, name, true);
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        refuseUnserved(r);
        configure(r, r.client(S3Client.class), r.physicalId(), false);
        return result(r, r.physicalId());
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

    private static void refuseUnserved(ResourceRequest r) {
        Set<String> unserved = new TreeSet<>();
        r.properties().fieldNames().forEachRemaining(n -> {
            if (!SERVED.contains(n)) {
                unserved.add(n);
            }
        });
        if (!unserved.isEmpty()) {
            throw new ResourceFailure("Gureum does not emulate the AWS::S3::Bucket properties " + unserved);
        }
    }

    /** Applies the configurations; on update only the changed ones, a removed one being deleted. */
    private static void configure(ResourceRequest r, S3Client s3, String bucket, boolean creating) {
        Set<String> changed = creating ? null : r.changedProperties();
        if (creating || changed.contains("Tags")) {
            List<Tag> tags = new ArrayList<>();
            r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tags)));
        }
        if (wants(r, changed, "VersioningConfiguration")) {
            JsonNode v = r.property("VersioningConfiguration");
            String status = v == null ? "Suspended" : v.path("Status").asText("Suspended");
            s3.putBucketVersioning(b -> b.bucket(bucket)
                    .versioningConfiguration(c -> c.status(BucketVersioningStatus.fromValue(status))));
        }
        if (wants(r, changed, "PublicAccessBlockConfiguration")) {
            JsonNode p = r.property("PublicAccessBlockConfiguration");
            if (p == null) {
                s3.deletePublicAccessBlock(b -> b.bucket(bucket));
            } else {
                s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
                        .blockPublicAcls(p.path("BlockPublicAcls").asBoolean(false))
                        .blockPublicPolicy(p.path("BlockPublicPolicy").asBoolean(false))
                        .ignorePublicAcls(p.path("IgnorePublicAcls").asBoolean(false))
                        .restrictPublicBuckets(p.path("RestrictPublicBuckets").asBoolean(false))));
            }
        }
        if (wants(r, changed, "BucketEncryption")) {
            JsonNode e = r.property("BucketEncryption");
            if (e == null) {
                s3.deleteBucketEncryption(b -> b.bucket(bucket));
            } else {
                List<ServerSideEncryptionRule> rules = new ArrayList<>();
                for (JsonNode rule : e.path("ServerSideEncryptionConfiguration")) {
                    JsonNode d = rule.path("ServerSideEncryptionByDefault");
                    rules.add(ServerSideEncryptionRule.builder().bucketKeyEnabled(
                            rule.has("BucketKeyEnabled") ? rule.get("BucketKeyEnabled").asBoolean() : null)
                            .applyServerSideEncryptionByDefault(x -> x
                                    .sseAlgorithm(ServerSideEncryption.fromValue(d.path("SSEAlgorithm").asText()))
                                    .kmsMasterKeyID(d.hasNonNull("KMSMasterKeyID") ? d.get("KMSMasterKeyID").asText()
                                            : null))
                            .build());
                }
                s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(rules)));
            }
        }
        if (wants(r, changed, "CorsConfiguration")) {
            JsonNode c = r.property("CorsConfiguration");
            if (c == null) {
                s3.deleteBucketCors(b -> b.bucket(bucket));
            } else {
                List<CORSRule> rules = new ArrayList<>();
                for (JsonNode rule : c.path("CorsRules")) {
                    rules.add(CORSRule.builder().id(text(rule, "Id")).allowedMethods(list(rule, "AllowedMethods"))
                            .allowedOrigins(list(rule, "AllowedOrigins")).allowedHeaders(list(rule, "AllowedHeaders"))
                            .exposeHeaders(list(rule, "ExposedHeaders"))
                            .maxAgeSeconds(rule.has("MaxAge") ? rule.get("MaxAge").asInt() : null).build());
                }
                s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(x -> x.corsRules(rules)));
            }
        }
        if (wants(r, changed, "AccessControl")) {
            BucketLifecycle.applyAccessControl(s3, bucket, r.property("AccessControl"));
        }
        if (wants(r, changed, "LifecycleConfiguration")) {
            BucketLifecycle.applyLifecycle(s3, bucket, r.property("LifecycleConfiguration"));
        }
        if (wants(r, changed, "WebsiteConfiguration")) {
            JsonNode w = r.property("WebsiteConfiguration");
            if (w == null) {
                s3.deleteBucketWebsite(b -> b.bucket(bucket));
            } else {
                s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(x -> {
                    if (w.hasNonNull("IndexDocument")) {
                        x.indexDocument(i -> i.suffix(w.get("IndexDocument").asText()));
                    }
                    if (w.hasNonNull("ErrorDocument")) {
                        x.errorDocument(i -> i.key(w.get("ErrorDocument").asText()));
                    }
                }));
            }
        }
    }

    private static boolean wants(ResourceRequest r, Set<String> changed, String property) {
        return changed == null ? r.has(property) : changed.contains(property);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static List<String> list(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asText()));
        return out.isEmpty() ? null : out;
    }

    private static Created result(ResourceRequest r, String name) {
        String region = r.stack().region();
        String suffix = r.partition().equals("aws-cn") ? ".amazonaws.com.cn" : ".amazonaws.com";
        return Created.of(name)
                .attribute("Arn", "arn:" + r.partition() + ":s3:::" + name)
                .attribute("DomainName", name + ".s3" + suffix)
                .attribute("DualStackDomainName", name + ".s3.dualstack." + region + suffix)
                .attribute("RegionalDomainName", name + ".s3." + region + suffix)
                // Website endpoints: the dash form (s3-website-us-east-1) in the older regions, the dot form
                // (s3-website.eu-central-1) in the others (Amazon S3 "Website endpoints" page).
                .attribute("WebsiteURL", "http://" + name + ".s3-website" + (DASH_WEBSITE_REGIONS.contains(region)
                        ? "-" : ".") + region + suffix);
    }

    @Override
    public boolean retags() {
        return true;
    }

    /** PutBucketTagging replaces the whole set: the bucket's tags less {@code removedKeys}, then the new ones. */
    @Override
    public void retag(ResourceRequest r, List<String> removedKeys) {
        S3Client s3 = r.client(S3Client.class);
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        try {
            s3.getBucketTagging(b -> b.bucket(r.physicalId())).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        removedKeys.forEach(tags::remove);
        tags.putAll(r.tagsWithTemplate("Tags"));
        List<Tag> set = new ArrayList<>();
        tags.forEach((k, v) -> set.add(Tag.builder().key(k).value(v).build()));
        s3.putBucketTagging(b -> b.bucket(r.physicalId()).tagging(t -> t.tagSet(set)));
    }
}
