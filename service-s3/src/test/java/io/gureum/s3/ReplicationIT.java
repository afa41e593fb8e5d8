package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** Objects written to a bucket with replication rules are copied to the destinations, across Regions and accounts. */
class ReplicationIT extends S3Fixture {

    static String versionedBucket(S3Client client, String region) {
        String name = "r-" + UUID.randomUUID().toString().substring(0, 12);
        client.createBucket(b -> {
            b.bucket(name);
            if (!region.equals("us-east-1")) {
                b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
        });
        client.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v
                .status(BucketVersioningStatus.ENABLED)));
        return name;
    }

    static ReplicationRule rule(String id, int priority, String prefix, String destination, StorageClass storageClass) {
        return ReplicationRule.builder().id(id).priority(priority).status(ReplicationRuleStatus.ENABLED)
                .filter(f -> f.prefix(prefix)).deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                .destination(d -> d.bucket("arn:aws:s3:::" + destination).storageClass(storageClass)).build();
    }

    @Test
    void newObjectsAreCopiedToOtherRegionsAndAccounts() {
        String source = versionedBucket(s3, "us-east-1");
        try (S3Client eu = client("test", "eu-west-1"); S3Client other = client("222222222222", "us-west-2")) {
            String inEurope = versionedBucket(eu, "eu-west-1");
            String otherAccount = versionedBucket(other, "us-west-2");
            s3.putBucketReplication(b -> b.bucket(source).replicationConfiguration(c -> c
                    .role("arn:aws:iam::000000000000:role/replication").rules(
                            rule("docs", 1, "docs/", inEurope, StorageClass.STANDARD_IA),
                            rule("all", 2, "", otherAccount, null))));

            String version = s3.putObject(b -> b.bucket(source).key("docs/a.txt").metadata(java.util.Map.of("m", "1")),
                    RequestBody.fromString("replicate me")).versionId();
            assertEquals(ReplicationStatus.COMPLETED, s3.headObject(b -> b.bucket(source).key("docs/a.txt"))
                    .replicationStatus());
            var replica = eu.getObjectAsBytes(b -> b.bucket(inEurope).key("docs/a.txt"));
            GetObjectResponse r = replica.response();
            assertEquals("replicate me", replica.asUtf8String());
            assertEquals(ReplicationStatus.REPLICA, r.replicationStatus());
            assertEquals(version, r.versionId());
            assertEquals(StorageClass.STANDARD_IA, r.storageClass());
            assertEquals("1", r.metadata().get("m"));
            assertEquals("replicate me", other.getObjectAsBytes(b -> b.bucket(otherAccount).key("docs/a.txt"))
                    .asUtf8String());

            s3.putObject(b -> b.bucket(source).key("logs/b.txt"), RequestBody.fromString("only to the other account"));
            assertThrows(NoSuchKeyException.class, () -> eu.headObject(b -> b.bucket(inEurope).key("logs/b.txt")));
            assertEquals(ReplicationStatus.REPLICA, other.headObject(b -> b.bucket(otherAccount).key("logs/b.txt"))
                    .replicationStatus());
        }
    }

    @Test
    void multipartAndCopiedObjectsReplicateAndAMissingDestinationFails() {
        String source = versionedBucket(s3, "us-east-1");
        String dest = versionedBucket(s3, "us-east-1");
        s3.putBucketReplication(b -> b.bucket(source).replicationConfiguration(c -> c
                .role("arn:aws:iam::000000000000:role/replication").rules(rule("all", 1, "", dest, null))));
        String upload = s3.createMultipartUpload(b -> b.bucket(source).key("mp")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(source).key("mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(source).key("mp").uploadId(upload)
                .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals(s3.headObject(b -> b.bucket(source).key("mp")).eTag(), s3.headObject(b -> b.bucket(dest).key("mp"))
                .eTag());
        s3.copyObject(b -> b.sourceBucket(source).sourceKey("mp").destinationBucket(source).destinationKey("copy"));
        assertEquals("part", s3.getObjectAsBytes(b -> b.bucket(dest).key("copy")).asUtf8String());
        assertNull(s3.headObject(b -> b.bucket(dest).key("copy")).storageClass());

        s3.putBucketReplication(b -> b.bucket(source).replicationConfiguration(c -> c
                .role("arn:aws:iam::000000000000:role/replication").rules(rule("gone", 1, "", "no-such-" + dest, null))));
        s3.putObject(b -> b.bucket(source).key("lost"), RequestBody.fromString("x"));
        assertEquals(ReplicationStatus.FAILED, s3.headObject(b -> b.bucket(source).key("lost")).replicationStatus());
    }

    @Test
    void deleteMarkersFollowDeleteMarkerReplication() {
        String source = versionedBucket(s3, "us-east-1");
        String dest = versionedBucket(s3, "us-east-1");
        ReplicationRule markers = rule("m", 1, "m/", dest, null).toBuilder()
                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.ENABLED)).build();
        s3.putBucketReplication(b -> b.bucket(source).replicationConfiguration(c -> c
                .role("arn:aws:iam::000000000000:role/replication").rules(markers, rule("k", 2, "k/", dest, null))));
        s3.putObject(b -> b.bucket(source).key("m/a"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(source).key("k/b"), RequestBody.fromString("b"));
        String marker = s3.deleteObject(b -> b.bucket(source).key("m/a")).versionId();
        s3.deleteObject(b -> b.bucket(source).key("k/b"));
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(dest).key("m/a")));
        assertEquals(marker, s3.listObjectVersions(b -> b.bucket(dest).prefix("m/a")).deleteMarkers().get(0)
                .versionId());
        assertEquals("b", s3.getObjectAsBytes(b -> b.bucket(dest).key("k/b")).asUtf8String());
    }
}
