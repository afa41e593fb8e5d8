package io.gureum.ec2.capacity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Whether EC2 Capacity Manager is enabled in a Region of an account, with its Organizations access and tag keys. */
final class CapacityManagerSettings {
    public boolean enabled;
    public boolean organizationsAccess;
    /** When it was first enabled (its data starts at that hour); null if never. */
    public Instant firstEnabledAt;
    public Instant enabledAt;
    /** Monitored tag keys: key → when activated. */
    public Map<String, Instant> tagKeys = new LinkedHashMap<>();
    /** Tag keys being deactivated: key → when deactivation was asked. */
    public Map<String, Instant> deactivating = new LinkedHashMap<>();

    boolean worthKeeping() {
        return firstEnabledAt != null || !tagKeys.isEmpty() || !deactivating.isEmpty();
    }
}
