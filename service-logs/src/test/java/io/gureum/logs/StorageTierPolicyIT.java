package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetStorageTierPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutStorageTierPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.StorageTier;

/** The account's storage tier policy: STANDARD by default, INTELLIGENT_TIERING when put. */
class StorageTierPolicyIT extends LogsTestSupport {

    @Test
    void defaultsToStandardAndKeepsWhatIsPut() {
        GetStorageTierPolicyResponse initial = logs.getStorageTierPolicy(b -> { });
        assertEquals(StorageTier.STANDARD, initial.storageTier());
        assertNull(initial.lastUpdatedTime());
        PutStorageTierPolicyResponse put = logs.putStorageTierPolicy(b -> b.storageTier(StorageTier.INTELLIGENT_TIERING));
        assertEquals(StorageTier.INTELLIGENT_TIERING, put.storageTier());
        GetStorageTierPolicyResponse got = logs.getStorageTierPolicy(b -> { });
        assertEquals(StorageTier.INTELLIGENT_TIERING, got.storageTier());
        assertEquals(put.lastUpdatedTime(), got.lastUpdatedTime());
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putStorageTierPolicy(b -> b.storageTier("GLACIER")));
        logs.putStorageTierPolicy(b -> b.storageTier(StorageTier.STANDARD));
        assertEquals(StorageTier.STANDARD, logs.getStorageTierPolicy(b -> { }).storageTier());
    }
}
