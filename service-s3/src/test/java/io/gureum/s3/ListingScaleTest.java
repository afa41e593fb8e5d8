package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.ContentHeaders;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Listing 100,000 keys page by page gives exactly what a naive scan gives, quickly. */
class ListingScaleTest {
    @Test
    void hundredThousandKeysWithAndWithoutDelimiter() {
        Bucket b = new Bucket("big", "000000000000", "us-east-1", Instant.EPOCH);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String key = "dir" + (i % 37) + "/" + (i % 5 == 0 ? "sub/" : "") + "file-" + i;
            keys.add(key);
            KeyVersions kv = new KeyVersions();
            kv.addLatest(new StoredObject(key, "null", false, List.of(), 0, "\"e\"", Instant.EPOCH, "0",
                    ContentHeaders.NONE, Map.of(), Map.of(), null, List.of(), "STANDARD", Map.of(), null));
            b.objects.put(key, kv);
        }
        long start = System.nanoTime();
        List<String> all = new ArrayList<>();
        String marker = null;
        Listing.Page page;
        do {
            page = Listing.objects(b, "", null, marker, 1000);
            page.objects().forEach(o -> all.add(o.key));
            marker = page.next();
        } while (page.truncated());
        assertEquals(new ArrayList<>(new TreeSet<>(keys)), all); // ASCII keys: UTF-16 order is UTF-8 order
        List<String> prefixes = new ArrayList<>();
        marker = null;
        do {
            page = Listing.objects(b, "dir7/", "/", marker, 100);
            prefixes.addAll(page.prefixes());
            assertTrue(page.objects().size() + page.prefixes().size() <= 100);
            page.objects().forEach(o -> prefixes.add(o.key));
            marker = page.next();
        } while (page.truncated());
        long expectedInDir7 = keys.stream().filter(k -> k.startsWith("dir7/") && !k.startsWith("dir7/sub/")).count();
        assertEquals(expectedInDir7 + 1, prefixes.size());
        assertEquals(List.of("dir7/sub/"), prefixes.stream().filter(p -> p.endsWith("/")).toList());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 20_000, "listing took " + ms + " ms");
    }
}
