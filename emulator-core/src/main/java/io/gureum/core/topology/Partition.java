package io.gureum.core.topology;

import java.util.Objects;
import java.util.regex.Pattern;

/** An AWS partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov} …) and its DNS suffix. */
public record Partition(String id, String dnsSuffix, String regionRegex) {

    public Partition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dnsSuffix, "dnsSuffix");
        Objects.requireNonNull(regionRegex, "regionRegex");
    }

    /** Whether {@code regionName} has the shape of this partition's region names. */
    public boolean matchesRegionName(String regionName) {
        return Pattern.matches(regionRegex, regionName);
    }
}
