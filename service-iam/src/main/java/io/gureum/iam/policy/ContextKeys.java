package io.gureum.iam.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's context keys ({@code aws:PrincipalArn}, {@code sts:ExternalId}, {@code aws:PrincipalTag/team} …)
 * and their values. Key names are case-insensitive
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html); a key is
 * single-valued unless it was given several values ({@code aws:TagKeys}, {@code sts:TransitiveTagKeys}).
 */
public final class ContextKeys {
    private final Map<String, List<String>> values = new HashMap<>();
    /** What fills the keys on first read, for a context most requests never read (no condition applies). */
    private java.util.function.Consumer<ContextKeys> pending;

    public ContextKeys() {
    }

    /** Keys that {@code filler} sets the first time any key is read (not thread-safe: one request's keys). */
    public static ContextKeys lazy(java.util.function.Consumer<ContextKeys> filler) {
        ContextKeys keys = new ContextKeys();
        keys.pending = filler;
        return keys;
    }

    private void fill() {
        java.util.function.Consumer<ContextKeys> filler = pending;
        if (filler != null) {
            pending = null;
            filler.accept(this);
        }
    }

    /** Sets a single-valued key; a null value leaves the key absent. */
    public ContextKeys put(String key, String value) {
        if (value != null) {
            values.put(norm(key), List.of(value));
        }
        return this;
    }

    /** Sets a multivalued key (possibly to no values, which is present but empty). */
    public ContextKeys putAll(String key, Collection<String> keyValues) {
        if (keyValues != null) {
            values.put(norm(key), List.copyOf(keyValues));
        }
        return this;
    }

    /** The key's values, or null when the request context lacks the key. */
    public List<String> get(String key) {
        fill();
        return values.get(norm(key));
    }

    public boolean has(String key) {
        fill();
        return values.containsKey(norm(key));
    }

    /** The single value of a key, or null. */
    public String first(String key) {
        List<String> v = get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The keys, lower-cased, for diagnostics. */
    public List<String> names() {
        fill();
        return new ArrayList<>(values.keySet());
    }

    private static String norm(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
