package io.gureum.iam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Tags on IAM resources: keys are case-insensitive (a tag whose key differs only in case replaces
 * the old one), at most 50 per resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
 */
final class Tags {
    static final int MAX = 50;

    private Tags() {
    }

    /**
     * The one tag rule the API model does not state (core checks its lengths and patterns): keys are
     * unique regardless of case.
     */
    static void checkDuplicates(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Tag t : tags) {
            if (t.key() != null && !seen.add(t.key().toLowerCase(Locale.ROOT))) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    static void apply(Map<String, String> onResource, List<Tag> tags) {
        if (tags == null) {
            return;
        }
        Map<String, String> next = new java.util.LinkedHashMap<>(onResource);
        for (Tag t : tags) {
            next.keySet().removeIf(k -> k.equalsIgnoreCase(t.key()));
            next.put(t.key(), t.value());
        }
        if (next.size() > MAX) {
            throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
        }
        onResource.clear();
        onResource.putAll(next);
    }

    static void remove(Map<String, String> onResource, Collection<String> keys) {
        if (keys != null) {
            for (String key : keys) {
                for (String k : List.copyOf(onResource.keySet())) {
                    if (k.equalsIgnoreCase(key)) {
                        onResource.remove(k);
                    }
                }
            }
        }
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /** The tags of a resource in one page (ListRoleTags, ListUserTags …). */
    static Paging<Tag> page(Map<String, String> tags, String marker, Integer maxItems) {
        List<Tag> sorted = new ArrayList<>(toSdk(tags));
        sorted.sort(java.util.Comparator.comparing(Tag::key));
        return Paging.page(sorted, Tag::key, marker, maxItems);
    }
}
