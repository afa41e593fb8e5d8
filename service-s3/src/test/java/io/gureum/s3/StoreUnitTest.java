package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import io.gureum.s3.store.KeyOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreUnitTest {
    @Test
    void bucketNameRules() {
        for (String ok : List.of("abc", "my.bucket-1", "a".repeat(63))) {
            assertTrue(BucketNames.valid(ok), ok);
        }
        for (String bad : List.of("ab", "a".repeat(64), "Upper", "a..b", "a.-b", "-ab", "ab-", "192.168.1.1",
                "xn--abc", "sthree-x", "x-s3alias", "x--ol-s3", "under_score")) {
            assertFalse(BucketNames.valid(bad), bad);
        }
    }

    @Test
    void crc64NvmeMatchesTheCheckValue() {
        Crc64Nvme c = new Crc64Nvme();
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        c.update(data, 0, data.length);
        assertEquals(0xAE8B14860A799888L, c.getValue());
        Crc64Nvme bytewise = new Crc64Nvme();
        for (byte b : data) {
            bytewise.update(b);
        }
        assertEquals(c.getValue(), bytewise.getValue());
    }

    @Test
    void keysSortInUtf8Order() {
        String bmp = "\uFF01"; // U+FF01 is 3 bytes in UTF-8
        String astral = "\uD83D\uDE00"; // U+1F600 is 4 bytes and sorts after it
        assertTrue(KeyOrder.INSTANCE.compare(bmp, astral) < 0);
        assertTrue(bmp.compareTo(astral) > 0, "UTF-16 order differs, which is why KeyOrder exists");
        assertTrue(KeyOrder.INSTANCE.compare("a/", KeyOrder.after("a/")) < 0);
        assertTrue(KeyOrder.INSTANCE.compare("a/" + astral, KeyOrder.after("a/")) < 0);
    }

    @Test
    void rangesFollowRfc9110() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-", 10));
        assertEquals(new ByteRange(5, 9), ByteRange.parse("bytes=5-100", 10));
        assertEquals(new ByteRange(7, 9), ByteRange.parse("bytes=-3", 10));
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=-30", 10));
        assertNull(ByteRange.parse("bytes=0-1,3-4", 10));
        assertNull(ByteRange.parse("items=0-1", 10));
        assertEquals(416, assertThrows(AwsException.class, () -> ByteRange.parse("bytes=10-", 10)).status());
        assertEquals(416, assertThrows(AwsException.class, () -> ByteRange.parse("bytes=0-", 0)).status());
    }

    @Test
    void locationConstraintRules() {
        io.gureum.s3.store.S3Store store = new io.gureum.s3.store.S3Store(null);
        Buckets buckets = new Buckets(store, new io.gureum.core.time.GureumClock(),
                new io.gureum.core.state.ResourceRegistry());
        assertEquals("IllegalLocationConstraintException", assertThrows(AwsException.class,
                () -> buckets.create("abc-1", "1", "eu-west-2", null, false)).code());
        assertEquals("IllegalLocationConstraintException", assertThrows(AwsException.class,
                () -> buckets.create("abc-1", "1", "eu-west-2", "eu-west-1", false)).code());
        assertEquals("InvalidLocationConstraint", assertThrows(AwsException.class,
                () -> buckets.create("abc-1", "1", "us-east-1", "us-east-1", false)).code());
        assertEquals("eu-west-2", buckets.create("abc-1", "1", "eu-west-2", "eu-west-2", false).region);
        store.close();
    }

    @Test
    void lifecycleDaysEndAtTheNextMidnightUtc() {
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), Lifecycle.due(Instant.parse("2026-01-01T10:15:00Z"), 1));
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), Lifecycle.due(Instant.parse("2026-01-01T00:00:00Z"), 1));
    }

    @Test
    void compositeChecksumIsTheChecksumOfPartChecksums() {
        String p1 = Checksums.of("CRC32", new byte[] {1, 2});
        String p2 = Checksums.of("CRC32", new byte[] {3});
        String composite = Checksums.composite("CRC32", List.of(p1, p2));
        assertTrue(composite.endsWith("-2"), composite);
    }

    @Test
    void corsRulesMatchOriginMethodAndHeaders() {
        var rule = software.amazon.awssdk.services.s3.model.CORSRule.builder().allowedOrigins("https://*.example.com")
                .allowedMethods("GET", "PUT").allowedHeaders("x-amz-*", "content-type").exposeHeaders("ETag")
                .maxAgeSeconds(600).build();
        var ok = Cors.evaluate(List.of(rule), "https://app.example.com", "PUT", List.of("Content-Type", "x-amz-date"),
                true);
        assertEquals("https://app.example.com", ok.get("Access-Control-Allow-Origin"));
        assertEquals("600", ok.get("Access-Control-Max-Age"));
        assertEquals("ETag", ok.get("Access-Control-Expose-Headers"));
        assertNull(Cors.evaluate(List.of(rule), "https://evil.test", "GET", List.of(), true));
        assertNull(Cors.evaluate(List.of(rule), "https://app.example.com", "DELETE", List.of(), true));
        assertNull(Cors.evaluate(List.of(rule), "https://app.example.com", "GET", List.of("authorization"), true));
    }

    /** Past the memory budget small blobs go to files again; freeing memory brings them back. */
    @org.junit.jupiter.api.Test
    void smallBlobsGoToFilesOnceTheMemoryBudgetIsUsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        io.gureum.s3.store.BlobStore blobs = new io.gureum.s3.store.BlobStore(dir, false, 10);
        byte[] six = "sixsix".getBytes(StandardCharsets.UTF_8);
        var a = blobs.write(new java.io.ByteArrayInputStream(six), List.of());
        var b = blobs.write(new java.io.ByteArrayInputStream(six), List.of()); // 6 held < 10: still memory
        var c = blobs.write(new java.io.ByteArrayInputStream(six), List.of()); // 12 held: to a file
        assertEquals(List.of(c.blob().id()), blobFiles(dir));
        blobs.delete(List.of(a.blob(), b.blob()));
        var d = blobs.write(new java.io.ByteArrayInputStream(six), List.of());
        assertEquals(List.of(c.blob().id()), blobFiles(dir), "memory freed: the next small blob is held again");
        for (var w : List.of(c, d)) {
            try (var in = blobs.open(List.of(w.blob()), 0, 6)) {
                assertEquals("sixsix", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        blobs.close();
    }

    private static List<String> blobFiles(java.nio.file.Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void blobsStreamAcrossPartsAndNeverUseTheKeyAsAName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        io.gureum.s3.store.BlobStore blobs = new io.gureum.s3.store.BlobStore(dir);
        var a = blobs.write(new java.io.ByteArrayInputStream("hello ".getBytes(StandardCharsets.UTF_8)), List.of("CRC32"));
        var b = blobs.write(new java.io.ByteArrayInputStream("world".getBytes(StandardCharsets.UTF_8)), List.of());
        assertEquals(Checksums.of("CRC32", "hello ".getBytes(StandardCharsets.UTF_8)),
                Checksums.base64(a.checksums().get("CRC32")));
        // Without persistence small blobs stay in memory; one over MEMORY_MAX goes to a file named by its ID.
        byte[] large = new byte[io.gureum.s3.store.BlobStore.MEMORY_MAX + 10];
        java.util.Arrays.fill(large, (byte) 'z');
        large[large.length - 1] = '!';
        var c = blobs.write(new java.io.ByteArrayInputStream(large), List.of("CRC32"));
        assertEquals(large.length, c.blob().size());
        assertEquals(Checksums.of("CRC32", large), Checksums.base64(c.checksums().get("CRC32")));
        try (var in = blobs.open(List.of(a.blob(), b.blob()), 3, 6)) {
            assertEquals("lo wor", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (var in = blobs.open(List.of(b.blob(), c.blob()), 2, 3 + large.length)) {
            byte[] read = in.readAllBytes();
            assertEquals("rld", new String(read, 0, 3, StandardCharsets.UTF_8));
            assertTrue(java.util.Arrays.equals(large, java.util.Arrays.copyOfRange(read, 3, read.length)));
        }
        try (var files = java.nio.file.Files.list(dir.resolve("s3"))) {
            assertEquals(List.of(c.blob().id()), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(c.blob().id().matches("[0-9a-f]{32}") && !c.blob().id().equals(a.blob().id()));
        blobs.delete(List.of(a.blob()));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> blobs.open(List.of(a.blob()), 0, 6));
        blobs.close();
        try (var files = java.nio.file.Files.list(dir.resolve("s3"))) {
            assertEquals(0, files.count());
        }
    }
}
