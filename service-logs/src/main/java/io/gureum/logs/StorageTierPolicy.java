package io.gureum.logs;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetStorageTierPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetStorageTierPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutStorageTierPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutStorageTierPolicyResponse;

/**
 * The account's storage tier policy (API_PutStorageTierPolicy.html): {@code STANDARD} (the default) or
 * {@code INTELLIGENT_TIERING}. Tiers change only what AWS bills; Gureum stores the setting and keeps every event
 * where it is.
 */
final class StorageTierPolicy {
    static final List<String> TIERS = List.of("STANDARD", "INTELLIGENT_TIERING");

    /** The setting and when it was put (epoch ms). */
    record Stored(String storageTier, long lastUpdatedTime) {
    }

    private final LogsStores stores;

    StorageTierPolicy(LogsStores stores) {
        this.stores = stores;
    }

    public PutStorageTierPolicyResponse putStorageTierPolicy(PutStorageTierPolicyRequest request) {
        String tier = request.storageTierAsString();
        // The botocore model Gureum's constraints come from predates this operation: its enum is checked here.
        if (!TIERS.contains(tier)) {
            throw LogsErrors.invalidParameter("1 validation error detected: Value '" + tier + "' at 'storageTier' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INTELLIGENT_TIERING]");
        }
        Stored s = new Stored(tier, stores.now());
        stores.current().storageTier = s;
        return PutStorageTierPolicyResponse.builder().storageTier(s.storageTier()).lastUpdatedTime(s.lastUpdatedTime())
                .build();
    }

    /** An account that never put one is on {@code STANDARD}, without {@code lastUpdatedTime}. */
    public GetStorageTierPolicyResponse getStorageTierPolicy(GetStorageTierPolicyRequest request) {
        Stored s = stores.current().storageTier;
        return s == null ? GetStorageTierPolicyResponse.builder().storageTier("STANDARD").build()
                : GetStorageTierPolicyResponse.builder().storageTier(s.storageTier())
                        .lastUpdatedTime(s.lastUpdatedTime()).build();
    }
}
