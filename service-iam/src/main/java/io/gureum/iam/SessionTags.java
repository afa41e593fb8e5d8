package io.gureum.iam;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Session tags and transitive tag keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html).
 * Counts and lengths (50 tags, 128/256 characters) are the API model's constraints, checked by core. Tag keys are
 * case-insensitive: a request may not repeat one, and may not set a key that an incoming transitive tag of the
 * calling session already sets.
 */
final class SessionTags {
    private SessionTags() {
    }

    /** The request's tags by key, checked. */
    static Map<String, String> requested(List<Tag> tags, List<String> transitiveKeys, StsSession caller) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> lower = new LinkedHashSet<>();
        for (Tag t : tags) {
            if (!lower.add(t.key().toLowerCase(Locale.ROOT))) {
                throw StsErrors.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            out.put(t.key(), t.value());
        }
        for (String key : transitiveKeys) {
            if (!lower.contains(key.toLowerCase(Locale.ROOT))) {
                throw StsErrors.validation("The specified transitive tag key must be included in the requested tags.");
            }
        }
        if (caller != null) {
            for (String incoming : caller.transitiveTagKeys()) {
                if (lower.contains(incoming.toLowerCase(Locale.ROOT))) {
                    throw StsErrors.validation("One of the specified transitive tag keys can't be set because it "
                            + "conflicts with a transitive tag key from the calling session.");
                }
            }
        }
        return out;
    }

    /**
     * A new session's principal tags: the role's own tags, overridden by the incoming transitive tags of the
     * calling session, overridden by the request's session tags.
     */
    static Map<String, String> ofSession(Map<String, String> roleTags, StsSession caller, Map<String, String> requested) {
        Map<String, String> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        tags.putAll(roleTags);
        tags.putAll(incoming(caller));
        tags.putAll(requested);
        return new LinkedHashMap<>(tags);
    }

    /** The transitive tags a calling session passes on. */
    static Map<String, String> incoming(StsSession caller) {
        Map<String, String> out = new LinkedHashMap<>();
        if (caller != null) {
            for (String key : caller.transitiveTagKeys()) {
                String value = caller.tags().get(key);
                if (value != null) {
                    out.put(key, value);
                }
            }
        }
        return out;
    }

    /** The transitive keys of a new session: the incoming ones and those the request names. */
    static Set<String> transitiveKeys(StsSession caller, List<String> requested, Map<String, String> tags) {
        Set<String> out = new LinkedHashSet<>();
        if (caller != null) {
            out.addAll(caller.transitiveTagKeys());
        }
        for (String key : requested) {
            // Stored with the tag's own spelling, so that the value is found again.
            tags.keySet().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().ifPresent(out::add);
        }
        return out;
    }
}
