package io.gureum.s3;

import io.gureum.core.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NavigableMap;

/**
 * The rules S3 applies alike to its ID-named bucket configurations (analytics, inventory, metrics,
 * Intelligent-Tiering): up to 1,000 per bucket, the ID in the body must be the {@code id} of the request,
 * an absent one is {@code NoSuchConfiguration} 404, lists return 100 a page with a continuation token
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBucketMetricsConfigurations.html).
 */
final class IdConfigTable {
    static final int MAX = 1_000;
    static final int PAGE = 100;

    private IdConfigTable() {
    }

    /** One page of a list: the configurations and the token of the next page (null on the last). */
    record Page<T>(List<T> items, String next) {
    }

    static <T> void put(NavigableMap<String, T> table, String id, String bodyId, T configuration) {
        if (bodyId == null || !bodyId.equals(id)) {
            throw S3Errors.invalidArgument("Document ID does not match the specified configuration ID.", "id", id);
        }
        synchronized (table) {
            if (!table.containsKey(id) && table.size() >= MAX) {
                throw new AwsException("TooManyConfigurations",
                        "You are attempting to create a new configuration but have already reached the 1,000-"
                                + "configuration limit.", 400);
            }
            table.put(id, configuration);
        }
    }

    static <T> T get(NavigableMap<String, T> table, String id) {
        T c = id == null ? null : table.get(id);
        if (c == null) {
            throw noSuchConfiguration();
        }
        return c;
    }

    static <T> void delete(NavigableMap<String, T> table, String id) {
        if (id == null || table.remove(id) == null) {
            throw noSuchConfiguration();
        }
    }

    static <T> Page<T> list(NavigableMap<String, T> table, String continuationToken) {
        NavigableMap<String, T> from = table;
        if (continuationToken != null) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(continuationToken), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token",
                        continuationToken);
            }
            from = table.tailMap(after, false);
        }
        List<T> items = new ArrayList<>();
        String last = null;
        for (var e : from.entrySet()) {
            if (items.size() == PAGE) {
                return new Page<>(items, Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, null);
    }

    static AwsException noSuchConfiguration() {
        return S3Errors.missing("NoSuchConfiguration", "The specified configuration does not exist.");
    }
}
