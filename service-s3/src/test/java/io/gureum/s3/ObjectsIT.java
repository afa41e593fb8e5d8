package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ObjectsIT extends S3Fixture {

    @Test
    void bucketsAreGlobalByNameAndOwnedPerAccount() {
        String name = newBucket();
        s3.createBucket(b -> b.bucket(name)); // us-east-1 re-create by the owner succeeds
        assertThrows(BucketAlreadyExistsException.class, () -> client("111122223333", "us-east-1")
                .createBucket(b -> b.bucket(name)));
        software.amazon.awssdk.services.s3.S3Client eu = client("test", "eu-west-2");
        String euName = "eu-" + name;
        eu.createBucket(b -> b.bucket(euName).createBucketConfiguration(c -> c.locationConstraint("eu-west-2")));
        BucketAlreadyOwnedByYouException owned = assertThrows(BucketAlreadyOwnedByYouException.class,
                () -> eu.createBucket(b -> b.bucket(euName).createBucketConfiguration(c -> c.locationConstraint("eu-west-2"))));
        assertEquals(409, owned.statusCode());
        assertEquals("eu-west-2", eu.getBucketLocation(b -> b.bucket(euName)).locationConstraintAsString());
        // A us-east-1 bucket's constraint is "null" (API_GetBucketLocation.html): on the wire an empty
        // <LocationConstraint/> element, which the SDK reads as the empty string.
        assertEquals("", s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString());
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(name)));
        assertTrue(client("111122223333", "us-east-1").listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name)));
    }

    @Test
    void aUsEast1BucketsLocationIsAnEmptyElementOnTheWire() throws Exception {
        String name = newBucket();
        java.net.http.HttpResponse<byte[]> raw = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(gureum.endpoint().resolve("/" + name + "?location")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, raw.statusCode());
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Element root = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(raw.body())).getDocumentElement();
        assertEquals("LocationConstraint", root.getLocalName());
        assertEquals("http://s3.amazonaws.com/doc/2006-03-01/", root.getNamespaceURI());
        assertEquals(0, root.getChildNodes().getLength(), "no text, not even \"us-east-1\"");
    }

    @Test
    void invalidNamesAndMissingBucketsAreRejected() {
        // Names the SDK itself lets through (it checks length and characters client-side).
        for (String bad : new String[] {"xn--abc", "abc-s3alias", "sthree-abc"}) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.createBucket(b -> b.bucket(bad)), bad);
            assertEquals("InvalidBucketName", e.awsErrorDetails().errorCode(), bad);
            assertEquals(400, e.statusCode());
        }
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("no-such-bucket-here")));
        NoSuchBucketException e = assertThrows(NoSuchBucketException.class,
                () -> s3.listObjectsV2(b -> b.bucket("no-such-bucket-here")));
        assertEquals(404, e.statusCode());
    }

    @Test
    void deleteBucketRefusesWhileObjectsRemain() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket(bucket)));
        assertEquals("BucketNotEmpty", e.awsErrorDetails().errorCode());
        assertEquals(409, e.statusCode());
        assertEquals(204, s3.deleteObject(b -> b.bucket(bucket).key("k")).sdkHttpResponse().statusCode());
        assertEquals(204, s3.deleteBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode());
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    @Test
    void putGetHeadRoundTripWithMetadataAndEtag() throws Exception {
        String bucket = newBucket();
        byte[] data = "hello, gureum".getBytes(StandardCharsets.UTF_8);
        String md5 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        var put = s3.putObject(b -> b.bucket(bucket).key("dir/../weird key ü 😀").contentType("text/plain")
                .metadata(Map.of("color", "blue")).cacheControl("no-cache"), RequestBody.fromBytes(data));
        assertEquals('"' + md5 + '"', put.eTag());
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/../weird key ü 😀"));
        assertArrayEquals(data, got.asByteArray());
        assertEquals("text/plain", got.response().contentType());
        assertEquals("blue", got.response().metadata().get("color"));
        assertEquals("no-cache", got.response().cacheControl());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/../weird key ü 😀"));
        assertEquals(data.length, head.contentLength());
        assertEquals('"' + md5 + '"', head.eTag());
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(bucket).key("missing")));
        S3Exception headMissing = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("missing")));
        assertEquals(404, headMissing.statusCode());
    }

    @Test
    void rangesAndInvalidRange() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromString("0123456789"));
        var part = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=2-5"));
        assertEquals("2345", part.asUtf8String());
        assertEquals("bytes 2-5/10", part.response().contentRange());
        assertEquals("789", s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-3")).asUtf8String());
        assertEquals("89", s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=8-")).asUtf8String());
        S3Exception e = assertThrows(S3Exception.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("r").range("bytes=10-20")));
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
        assertEquals(416, e.statusCode());
    }

    @Test
    void conditionalReadsAndWrites() {
        String bucket = newBucket();
        String etag = s3.putObject(b -> b.bucket(bucket).key("c"), RequestBody.fromString("v1")).eTag();
        assertEquals("v1", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifMatch(etag)).asUtf8String());
        S3Exception failed = assertThrows(S3Exception.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("c").ifMatch("\"nope\"")));
        assertEquals(412, failed.statusCode());
        assertEquals("PreconditionFailed", failed.awsErrorDetails().errorCode());
        S3Exception notModified = assertThrows(S3Exception.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("c").ifNoneMatch(etag)));
        assertEquals(304, notModified.statusCode());
        S3Exception since = assertThrows(S3Exception.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("c").ifModifiedSince(Instant.now().plusSeconds(3600))));
        assertEquals(304, since.statusCode());
        S3Exception exists = assertThrows(S3Exception.class,
                () -> s3.putObject(b -> b.bucket(bucket).key("c").ifNoneMatch("*"), RequestBody.fromString("v2")));
        assertEquals(412, exists.statusCode());
        s3.putObject(b -> b.bucket(bucket).key("new").ifNoneMatch("*"), RequestBody.fromString("v2"));
        s3.putObject(b -> b.bucket(bucket).key("c").ifMatch(etag), RequestBody.fromString("v3"));
        assertEquals("v3", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")).asUtf8String());
    }

    @Test
    void copyKeepsOrReplacesMetadata() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src").metadata(Map.of("a", "1")).contentType("text/x"),
                RequestBody.fromString("payload"));
        var copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("dst"));
        assertEquals(s3.headObject(b -> b.bucket(bucket).key("src")).eTag(), copied.copyObjectResult().eTag());
        HeadObjectResponse kept = s3.headObject(b -> b.bucket(bucket).key("dst"));
        assertEquals("1", kept.metadata().get("a"));
        assertEquals("text/x", kept.contentType());
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst2")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("b", "2")));
        assertEquals(Map.of("b", "2"), s3.headObject(b -> b.bucket(bucket).key("dst2")).metadata());
        S3Exception self = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket(bucket)
                .sourceKey("src").destinationBucket(bucket).destinationKey("src")));
        assertEquals("InvalidRequest", self.awsErrorDetails().errorCode());
        assertThrows(NoSuchKeyException.class, () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("none")
                .destinationBucket(bucket).destinationKey("x")));
    }

    @Test
    void checksumsAreValidatedAndReturned() {
        String bucket = newBucket();
        for (ChecksumAlgorithm alg : new ChecksumAlgorithm[] {ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256}) { // CRC64NVME needs the CRT on the client
            s3.putObject(b -> b.bucket(bucket).key(alg.toString()).checksumAlgorithm(alg),
                    RequestBody.fromString("checksum me"));
            var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(alg.toString()).checksumMode(ChecksumMode.ENABLED));
            assertEquals("checksum me", got.asUtf8String());
        }
        var head = s3.headObject(b -> b.bucket(bucket).key("CRC32").checksumMode(ChecksumMode.ENABLED));
        assertEquals(Checksums.of("CRC32", "checksum me".getBytes(StandardCharsets.UTF_8)), head.checksumCRC32());
        S3Exception bad = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("bad")
                .checksumSHA256(Checksums.of("SHA256", new byte[] {1})), RequestBody.fromString("other")));
        assertEquals("BadDigest", bad.awsErrorDetails().errorCode());
    }

    @Test
    void deleteObjectsReportsEachKey() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("1"));
        s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("2"));
        var r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("a"), o -> o.key("b"),
                o -> o.key("c"))));
        assertEquals(3, r.deleted().size());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
    }

    @Test
    void objectAttributesAndHostileKeysStayInsideTheStore() {
        String bucket = newBucket();
        String[] keys = {"../../../../etc/passwd", "a".repeat(1024), "x&y<z>'q\"?#%", "한글/키/😀", "/leading//double/"};
        for (String k : keys) {
            String key = k;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            assertEquals(key, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        }
        assertEquals(keys.length, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        var attrs = s3.getObjectAttributes(b -> b.bucket(bucket).key("한글/키/😀").objectAttributesWithStrings(
                "ETag", "ObjectSize", "StorageClass", "Checksum"));
        assertEquals("한글/키/😀".getBytes(StandardCharsets.UTF_8).length, attrs.objectSize());
        assertTrue(!attrs.eTag().startsWith("\""), attrs.eTag());
        assertEquals("STANDARD", attrs.storageClassAsString());
    }

    @Test
    void awsChunkedUploadsWithChecksumTrailersFromTheCurrentSdk() {
        java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (software.amazon.awssdk.services.s3.S3Client chunked = software.amazon.awssdk.services.s3.S3Client.builder()
                .forcePathStyle(true).endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(
                        new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(
                                    software.amazon.awssdk.core.interceptor.Context.BeforeTransmission ctx,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attrs) {
                                ctx.httpRequest().firstMatchingHeader("x-amz-content-sha256").ifPresent(sent::add);
                                ctx.httpRequest().firstMatchingHeader("x-amz-trailer").ifPresent(v -> sent.add(v));
                            }
                        }))
                .build()) {
            String bucket = newBucket();
            byte[] data = new byte[300_000];
            new java.util.Random(3).nextBytes(data);
            var put = chunked.putObject(b -> b.bucket(bucket).key("chunked").checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                    RequestBody.fromBytes(data));
            assertTrue(sent.contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"), sent.toString());
            assertTrue(sent.contains("x-amz-checksum-crc32c"), sent.toString());
            assertEquals(Checksums.of("CRC32C", data), put.checksumCRC32C());
            var got = chunked.getObjectAsBytes(b -> b.bucket(bucket).key("chunked").checksumMode(ChecksumMode.ENABLED));
            assertArrayEquals(data, got.asByteArray());
            assertEquals(Checksums.of("CRC32C", data), got.response().checksumCRC32C());
            assertEquals(data.length, got.response().contentLength());
        }
    }

    @Test
    void keyAndMetadataLimits() {
        String bucket = newBucket();
        S3Exception longKey = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket)
                .key("ü".repeat(513)), RequestBody.fromString("x"))); // 1,026 bytes of UTF-8
        assertEquals("KeyTooLongError", longKey.awsErrorDetails().errorCode());
        assertEquals(400, longKey.statusCode());
        S3Exception meta = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("m")
                .metadata(Map.of("big", "v".repeat(2100))), RequestBody.fromString("x")));
        assertEquals("MetadataTooLarge", meta.awsErrorDetails().errorCode());
    }

    @Test
    void expectedBucketOwnerMustMatch() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k").expectedBucketOwner("000000000000"), RequestBody.fromString("x"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket(bucket).key("k")
                .expectedBucketOwner("111122223333")));
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
    }
}
