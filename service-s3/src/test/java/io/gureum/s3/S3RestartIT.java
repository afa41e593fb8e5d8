package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/** What S3 finds again after a restart on the same --data-dir, and the files it keeps or removes. */
class S3RestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static S3Client client(Gureum g) {
        return AwsClients.client(S3Client.builder().forcePathStyle(true), g);
    }

    private long blobFiles() throws Exception {
        Path s3 = dataDir.resolve("s3");
        if (!Files.isDirectory(s3)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(s3)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{32}")).count();
        }
    }

    @Test
    void bucketsConfigurationsVersionsAndUploadsSurviveARestart() throws Exception {
        String uploadId;
        String etag1;
        try (Gureum g = start(); S3Client s3 = client(g)) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.putBucketVersioning(b -> b.bucket("kept").versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
            s3.putBucketCors(b -> b.bucket("kept").corsConfiguration(c -> c.corsRules(CORSRule.builder()
                    .allowedMethods("GET").allowedOrigins("https://example.com").maxAgeSeconds(60).build())));
            s3.putBucketTagging(b -> b.bucket("kept").tagging(t -> t.tagSet(s -> s.key("team").value("a"))));
            s3.putBucketMetricsConfiguration(b -> b.bucket("kept").id("all").metricsConfiguration(m -> m.id("all")
                    .filter(f -> f.prefix("a/"))));
            s3.putObject(b -> b.bucket("kept").key("a/one.txt").contentType("text/plain").metadata(Map.of("m", "1")),
                    RequestBody.fromString("first"));
            s3.putObject(b -> b.bucket("kept").key("a/one.txt"), RequestBody.fromString("second"));
            s3.putObject(b -> b.bucket("kept").key("deleted"), RequestBody.fromString("x"));
            s3.deleteObject(b -> b.bucket("kept").key("deleted"));
            s3.putObjectTagging(b -> b.bucket("kept").key("a/one.txt").tagging(t -> t.tagSet(s -> s.key("k").value("v"))));
            uploadId = s3.createMultipartUpload(b -> b.bucket("kept").key("big")).uploadId();
            etag1 = s3.uploadPart(b -> b.bucket("kept").key("big").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(new byte[5 * 1024 * 1024])).eTag();
            s3.createBucket(b -> b.bucket("plain"));
            s3.putObject(b -> b.bucket("plain").key("k"), RequestBody.fromString("v1"));
            s3.putObject(b -> b.bucket("plain").key("k"), RequestBody.fromString("v2"));
            s3.createBucket(b -> b.bucket("gone"));
            s3.deleteBucket(b -> b.bucket("gone"));
        }
        assertTrue(blobFiles() >= 5, "a clean stop keeps the object files");
        try (Gureum g = start(); S3Client s3 = client(g)) {
            assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("gone")));
            assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("kept")).status());
            assertEquals(60, s3.getBucketCors(b -> b.bucket("kept")).corsRules().get(0).maxAgeSeconds());
            assertEquals("a", s3.getBucketTagging(b -> b.bucket("kept")).tagSet().get(0).value());
            assertEquals("a/", s3.getBucketMetricsConfiguration(b -> b.bucket("kept").id("all")).metricsConfiguration()
                    .filter().prefix());
            var one = s3.getObjectAsBytes(b -> b.bucket("kept").key("a/one.txt"));
            assertEquals("second", one.asUtf8String());
            List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket("kept").prefix("a/")).versions();
            assertEquals(2, versions.size());
            String oldest = versions.get(1).versionId();
            var first = s3.getObjectAsBytes(b -> b.bucket("kept").key("a/one.txt").versionId(oldest));
            assertEquals("first", first.asUtf8String());
            assertEquals("text/plain", first.response().contentType());
            assertEquals("1", first.response().metadata().get("m"));
            assertEquals("v", s3.getObjectTagging(b -> b.bucket("kept").key("a/one.txt")).tagSet().get(0).value());
            assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket("kept").key("deleted")));
            assertEquals(1, s3.listParts(b -> b.bucket("kept").key("big").uploadId(uploadId)).parts().size());
            s3.completeMultipartUpload(b -> b.bucket("kept").key("big").uploadId(uploadId).multipartUpload(m -> m
                    .parts(CompletedPart.builder().partNumber(1).eTag(etag1).build())));
            assertEquals(5 * 1024 * 1024L, s3.headObject(b -> b.bucket("kept").key("big")).contentLength());
            assertEquals("v2", s3.getObjectAsBytes(b -> b.bucket("plain").key("k")).asUtf8String());
        }
    }

    @Test
    void aclsObjectOwnershipAndPublicAccessBlocksSurviveARestart() {
        String uploadId;
        try (Gureum g = start(); S3Client s3 = client(g)) {
            s3.createBucket(b -> b.bucket("acls").objectOwnership(ObjectOwnership.OBJECT_WRITER));
            s3.putPublicAccessBlock(b -> b.bucket("acls").publicAccessBlockConfiguration(c -> c.blockPublicAcls(false)
                    .ignorePublicAcls(false).blockPublicPolicy(true).restrictPublicBuckets(false)));
            s3.putBucketAcl(b -> b.bucket("acls").acl(BucketCannedACL.PUBLIC_READ));
            s3.putObject(b -> b.bucket("acls").key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket("acls").key("later"), RequestBody.fromString("y"));
            s3.putObjectAcl(b -> b.bucket("acls").key("later").acl(ObjectCannedACL.AUTHENTICATED_READ));
            uploadId = s3.createMultipartUpload(b -> b.bucket("acls").key("big").acl(ObjectCannedACL.PUBLIC_READ))
                    .uploadId();
            s3.createBucket(b -> b.bucket("enforced"));
        }
        try (Gureum g = start(); S3Client s3 = client(g)) {
            assertEquals(ObjectOwnership.OBJECT_WRITER, s3.getBucketOwnershipControls(b -> b.bucket("acls"))
                    .ownershipControls().rules().get(0).objectOwnership());
            PublicAccessBlockConfiguration pab = s3.getPublicAccessBlock(b -> b.bucket("acls"))
                    .publicAccessBlockConfiguration();
            assertFalse(pab.blockPublicAcls());
            assertTrue(pab.blockPublicPolicy());
            assertTrue(publicGrant(s3.getBucketAcl(b -> b.bucket("acls")).grants(), ALL_USERS));
            assertTrue(publicGrant(s3.getObjectAcl(b -> b.bucket("acls").key("k")).grants(), ALL_USERS));
            assertTrue(publicGrant(s3.getObjectAcl(b -> b.bucket("acls").key("later")).grants(), AUTHENTICATED));
            s3.uploadPart(b -> b.bucket("acls").key("big").uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("z"));
            String etag = s3.listParts(b -> b.bucket("acls").key("big").uploadId(uploadId)).parts().get(0).eTag();
            s3.completeMultipartUpload(b -> b.bucket("acls").key("big").uploadId(uploadId).multipartUpload(m -> m
                    .parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
            assertTrue(publicGrant(s3.getObjectAcl(b -> b.bucket("acls").key("big")).grants(), ALL_USERS),
                    "the upload's ACL survived to its object");
            assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED, s3.getBucketOwnershipControls(b -> b.bucket("enforced"))
                    .ownershipControls().rules().get(0).objectOwnership());
            assertTrue(s3.getPublicAccessBlock(b -> b.bucket("enforced")).publicAccessBlockConfiguration()
                    .blockPublicAcls());
        }
    }

    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    private static boolean publicGrant(List<Grant> grants, String uri) {
        return grants.stream().anyMatch(gr -> uri.equals(gr.grantee().uri()) && gr.permission() == Permission.READ);
    }

    @Test
    void filesNoRecordNamesAreRemovedAtStart() throws Exception {
        Path s3dir = Files.createDirectories(dataDir.resolve("s3"));
        Path orphan = s3dir.resolve("0123456789abcdef0123456789abcdef");
        Files.writeString(orphan, "half an upload");
        Path foreign = s3dir.resolve("README.txt");
        Files.writeString(foreign, "not ours");
        try (Gureum g = start(); S3Client s3 = client(g)) {
            s3.createBucket(b -> b.bucket("bbb"));
            s3.putObject(b -> b.bucket("bbb").key("k"), RequestBody.fromString("kept"));
            assertFalse(Files.exists(orphan), "an S3 instance with no records removes every object file");
        }
        Path orphan2 = s3dir.resolve("fedcba9876543210fedcba9876543210");
        Files.writeString(orphan2, "left by kill -9");
        try (Gureum g = start(); S3Client s3 = client(g)) {
            assertFalse(Files.exists(orphan2));
            assertTrue(Files.exists(foreign), "files that are not object files stay");
            assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket("bbb").key("k")).asUtf8String());
        }
    }

    /**
     * Small objects' bytes are journaled (one shared force) rather than forced to their own files: a file
     * lost with the page cache comes back from the journal, and from a compaction's snapshot too.
     */
    @Test
    void smallObjectsComeBackFromTheJournalWhenTheirFilesAreLost() throws Exception {
        byte[] large = new byte[100 * 1024];
        new java.util.Random(7).nextBytes(large);
        try (Gureum g = start(); S3Client s3 = client(g)) {
            s3.createBucket(b -> b.bucket("small"));
            s3.putObject(b -> b.bucket("small").key("tiny"), RequestBody.fromString("small"));
            s3.putObject(b -> b.bucket("small").key("large"), RequestBody.fromBytes(large));
            s3.putObject(b -> b.bucket("small").key("gone"), RequestBody.fromString("one"));
            s3.putObject(b -> b.bucket("small").key("gone"), RequestBody.fromString("two"));
            s3.deleteObject(b -> b.bucket("small").key("gone"));
        }
        deleteSmallFiles();
        try (Gureum g = start(); S3Client s3 = client(g)) {
            assertEquals("small", s3.getObjectAsBytes(b -> b.bucket("small").key("tiny")).asUtf8String());
            assertTrue(java.util.Arrays.equals(large,
                    s3.getObjectAsBytes(b -> b.bucket("small").key("large")).asByteArray()));
            assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket("small").key("gone")));
            assertEquals(2, blobFiles(), "the deleted key's files are not brought back");
        }
        // Compacted: the snapshot carries the small blobs' bytes.
        System.setProperty("gureum.compactBytes", "4096");
        try (Gureum g = start(); S3Client s3 = client(g)) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                s3.putObject(b -> b.bucket("small").key("k" + n), RequestBody.fromString("value " + n));
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!snapshotExists() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(snapshotExists(), "the journal was compacted into a snapshot");
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
        deleteSmallFiles();
        try (Gureum g = start(); S3Client s3 = client(g)) {
            assertEquals("small", s3.getObjectAsBytes(b -> b.bucket("small").key("tiny")).asUtf8String());
            assertEquals("value 19", s3.getObjectAsBytes(b -> b.bucket("small").key("k19")).asUtf8String());
        }
    }

    @Test
    void annotationsAndUpdatedEncryptionSurviveARestart() throws Exception {
        String keyArn;
        String v1;
        try (Gureum g = start(); S3Client s3 = client(g);
                software.amazon.awssdk.services.kms.KmsClient kms = AwsClients.client(
                        software.amazon.awssdk.services.kms.KmsClient.builder(), g)) {
            s3.createBucket(b -> b.bucket("annotated"));
            s3.putBucketVersioning(b -> b.bucket("annotated").versioningConfiguration(v -> v.status(
                    BucketVersioningStatus.ENABLED)));
            v1 = s3.putObject(b -> b.bucket("annotated").key("k"), RequestBody.fromString("one")).versionId();
            s3.putObjectAnnotation(b -> b.bucket("annotated").key("k").annotationName("note"),
                    RequestBody.fromString("on version one"));
            s3.putObjectAnnotation(b -> b.bucket("annotated").key("k").annotationName("gone"),
                    RequestBody.fromString("deleted before the restart"));
            s3.deleteObjectAnnotation(b -> b.bucket("annotated").key("k").annotationName("gone"));
            s3.putObject(b -> b.bucket("annotated").key("k"), RequestBody.fromString("two"));
            s3.putObjectAnnotation(b -> b.bucket("annotated").key("k").annotationName("note"),
                    RequestBody.fromString("on version two"));
            keyArn = kms.createKey(k -> k.description("restart")).keyMetadata().arn();
            String arn = keyArn;
            s3.updateObjectEncryption(u -> u.bucket("annotated").key("k").versionId(v1)
                    .objectEncryption(e -> e.ssekms(k -> k.kmsKeyArn(arn))));
        }
        try (Gureum g = start(); S3Client s3 = client(g)) {
            assertEquals("on version two", s3.getObjectAnnotationAsBytes(b -> b.bucket("annotated").key("k")
                    .annotationName("note")).asUtf8String());
            assertEquals("on version one", s3.getObjectAnnotationAsBytes(b -> b.bucket("annotated").key("k")
                    .annotationName("note").versionId(v1)).asUtf8String());
            assertEquals(List.of("note"), s3.listObjectAnnotations(b -> b.bucket("annotated").key("k")
                    .versionId(v1)).annotations().stream().map(a -> a.annotationName()).toList());
            var head = s3.headObject(b -> b.bucket("annotated").key("k").versionId(v1));
            assertEquals("aws:kms", head.serverSideEncryptionAsString());
            assertEquals(keyArn, head.ssekmsKeyId());
            assertEquals("AES256", s3.headObject(b -> b.bucket("annotated").key("k")).serverSideEncryptionAsString());
            assertEquals(4, blobFiles(), "two object versions and two annotations; the deleted one's file is gone");
        }
    }

    private boolean snapshotExists() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("state"))) {
            return files.anyMatch(p -> p.getFileName().toString().matches("snapshot-\\d+\\.bin"));
        }
    }

    /** What a power loss can do to files that were never forced. */
    private void deleteSmallFiles() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("s3"))) {
            for (Path p : files.toList()) {
                if (Files.size(p) <= 64 * 1024) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void withoutADataDirectoryTheTemporaryFilesGoAtStop() throws Exception {
        java.util.Set<Path> before = temporaryDirectories();
        java.util.Set<Path> mine;
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build()); S3Client s3 = client(g)) {
            s3.createBucket(b -> b.bucket("ttt"));
            s3.putObject(b -> b.bucket("ttt").key("k"), RequestBody.fromString("x")); // kept in memory
            // too big to keep in memory: a file
            s3.putObject(b -> b.bucket("ttt").key("big"),
                    RequestBody.fromBytes(new byte[io.gureum.s3.store.BlobStore.MEMORY_MAX + 1]));
            mine = temporaryDirectories();
            mine.removeAll(before);
            assertEquals(1, mine.size(), "this server's object bytes are in a temporary directory: " + mine);
        }
        assertFalse(Files.exists(mine.iterator().next()), "the temporary directory is removed at stop");
    }

    private static java.util.Set<Path> temporaryDirectories() throws Exception {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("gureum-s3-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }
}
