package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyOrder;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * ListObjects (v1, v2) and ListObjectVersions over the bucket's key-sorted map: prefix, delimiter with
 * common prefixes, markers and max-keys. Each step seeks in the sorted map, so a page costs
 * O(max-keys · log n) however many keys share a common prefix.
 */
public final class Listing {
    private Listing() {
    }

    /** One page of current objects and common prefixes; {@code next} is the last key or prefix returned. */
    public record Page(List<StoredObject> objects, List<String> prefixes, boolean truncated, String next) {
    }

    /** Keys after {@code marker} (exclusive). */
    public static Page objects(Bucket b, String prefix, String delimiter, String marker, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<StoredObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        NavigableMap<String, KeyVersions> view = p.isEmpty() ? b.objects
                : b.objects.subMap(p, true, KeyOrder.after(p), false);
        String cursor = marker != null && KeyOrder.INSTANCE.compare(marker, p) >= 0 ? marker : null;
        if (cursor != null && d != null && cursor.endsWith(d) && cursor.startsWith(p)
                && cursor.indexOf(d, p.length()) == cursor.length() - d.length()) {
            cursor = KeyOrder.after(cursor); // the marker was a common prefix: skip all its keys
        }
        boolean truncated = false;
        String last = null;
        if (maxKeys == 0) {
            return new Page(objects, prefixes, false, null);
        }
        synchronized (b) {
            Map.Entry<String, KeyVersions> e = cursor == null ? view.firstEntry() : view.higherEntry(cursor);
            while (e != null) {
                String key = e.getKey();
                StoredObject latest = e.getValue().latest();
                if (latest == null || latest.deleteMarker) {
                    e = view.higherEntry(key);
                    continue;
                }
                int idx = d == null ? -1 : key.indexOf(d, p.length());
                if (objects.size() + prefixes.size() >= maxKeys) {
                    truncated = true;
                    break;
                }
                if (idx >= 0) {
                    String cp = key.substring(0, idx + d.length());
                    prefixes.add(cp);
                    last = cp;
                    e = view.higherEntry(KeyOrder.after(cp));
                } else {
                    objects.add(latest);
                    last = key;
                    e = view.higherEntry(key);
                }
            }
        }
        return new Page(objects, prefixes, truncated, last);
    }

    /** One page of ListObjectVersions. */
    public record VersionPage(List<StoredObject> versions, List<Boolean> latest, List<String> prefixes,
            boolean truncated, String nextKey, String nextVersionId) {
    }

    public static VersionPage versions(Bucket b, String prefix, String delimiter, String keyMarker,
            String versionIdMarker, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<StoredObject> versions = new ArrayList<>();
        List<Boolean> latest = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        NavigableMap<String, KeyVersions> view = p.isEmpty() ? b.objects
                : b.objects.subMap(p, true, KeyOrder.after(p), false);
        boolean truncated = false;
        String nextKey = null;
        String nextVersion = null;
        synchronized (b) {
            Map.Entry<String, KeyVersions> e;
            boolean resumeInKey = keyMarker != null && versionIdMarker != null && !versionIdMarker.isEmpty();
            if (keyMarker == null || keyMarker.isEmpty()) {
                e = view.firstEntry();
                resumeInKey = false;
            } else if (resumeInKey) {
                e = view.ceilingEntry(keyMarker);
                if (e != null && !e.getKey().equals(keyMarker)) {
                    resumeInKey = false;
                }
            } else {
                String cursor = keyMarker;
                if (d != null && keyMarker.endsWith(d)) {
                    cursor = KeyOrder.after(keyMarker);
                }
                e = view.higherEntry(cursor);
            }
            outer:
            while (e != null) {
                String key = e.getKey();
                List<StoredObject> all = e.getValue().all();
                int idx = d == null ? -1 : key.indexOf(d, p.length());
                if (idx >= 0) {
                    if (versions.size() + prefixes.size() >= maxKeys) {
                        truncated = true;
                        break;
                    }
                    String cp = key.substring(0, idx + d.length());
                    prefixes.add(cp);
                    nextKey = cp;
                    nextVersion = null;
                    e = view.higherEntry(KeyOrder.after(cp));
                    continue;
                }
                int start = 0;
                if (resumeInKey) {
                    resumeInKey = false;
                    for (int i = 0; i < all.size(); i++) {
                        if (all.get(i).versionId.equals(versionIdMarker)) {
                            start = i + 1;
                        }
                    }
                }
                for (int i = start; i < all.size(); i++) {
                    if (versions.size() + prefixes.size() >= maxKeys) {
                        truncated = true;
                        break outer;
                    }
                    versions.add(all.get(i));
                    latest.add(i == 0);
                    nextKey = key;
                    nextVersion = all.get(i).versionId;
                }
                e = view.higherEntry(key);
            }
        }
        return new VersionPage(versions, latest, prefixes, truncated, nextKey, nextVersion);
    }

    public static String token(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    public static String fromToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
    }
}
