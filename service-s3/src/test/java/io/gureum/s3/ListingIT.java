package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

class ListingIT extends S3Fixture {
    static String bucket;
    static final List<String> KEYS = List.of("a/1", "a/2", "a/b/3", "b/4", "c", "d e+f", "photos/2024/x.jpg",
            "photos/2025/y.jpg", "z/ü/😀");

    @BeforeAll
    static void fill() {
        bucket = newBucket();
        for (String k : KEYS) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
    }

    @Test
    void delimiterGroupsCommonPrefixes() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertEquals(List.of("c", "d e+f"), keys(r.contents()));
        assertEquals(List.of("a/", "b/", "photos/", "z/"), prefixes(r.commonPrefixes()));
        assertEquals(6, r.keyCount());
        ListObjectsV2Response photos = s3.listObjectsV2(b -> b.bucket(bucket).prefix("photos/").delimiter("/"));
        assertEquals(List.of("photos/2024/", "photos/2025/"), prefixes(photos.commonPrefixes()));
        assertTrue(photos.contents().isEmpty());
    }

    @Test
    void continuationTokensWalkEveryKeyOnce() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(2).continuationToken(t));
            seen.addAll(keys(r.contents()));
            token = r.nextContinuationToken();
            assertEquals(token != null, r.isTruncated());
            pages++;
        } while (token != null);
        assertEquals(KEYS, seen);
        assertEquals(5, pages);
    }

    @Test
    void paginatorsWithDelimiterAndStartAfter() {
        List<String> all = s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(1).delimiter("/"))
                .stream().flatMap(r -> java.util.stream.Stream.concat(keys(r.contents()).stream(),
                        prefixes(r.commonPrefixes()).stream())).toList();
        assertEquals(List.of("a/", "b/", "c", "d e+f", "photos/", "z/"), all);
        assertEquals(List.of("photos/2024/x.jpg", "photos/2025/y.jpg", "z/ü/😀"),
                keys(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("d e+f")).contents()));
        List<String> v1 = new ArrayList<>();
        String marker = null;
        boolean truncated;
        do {
            String m = marker;
            var r = s3.listObjects(b -> b.bucket(bucket).maxKeys(3).marker(m));
            r.contents().forEach(o -> v1.add(o.key()));
            truncated = r.isTruncated();
            marker = v1.get(v1.size() - 1); // without a delimiter S3 sends no NextMarker: use the last key
        } while (truncated);
        assertEquals(KEYS, v1);
    }

    @Test
    void encodingTypeUrlRoundTripsOddKeys() {
        // The SDK decodes url-encoded keys itself when it asked for encoding-type=url.
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix("d").encodingType(EncodingType.URL));
        assertEquals(List.of("d e+f"), keys(r.contents()));
        ListObjectsV2Response u = s3.listObjectsV2(b -> b.bucket(bucket).prefix("z/").encodingType(EncodingType.URL));
        assertEquals(List.of("z/ü/😀"), keys(u.contents()));
    }

    @Test
    void maxKeysZeroAndMissingPrefix() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(0));
        assertEquals(0, r.keyCount());
        ListObjectsV2Response none = s3.listObjectsV2(b -> b.bucket(bucket).prefix("nothing/"));
        assertTrue(none.contents().isEmpty());
        assertFalse(none.isTruncated());
        assertNull(none.nextContinuationToken());
    }

    static List<String> keys(List<S3Object> objects) {
        return objects.stream().map(S3Object::key).collect(Collectors.toList());
    }

    static List<String> prefixes(List<CommonPrefix> prefixes) {
        return prefixes.stream().map(CommonPrefix::prefix).collect(Collectors.toList());
    }
}
