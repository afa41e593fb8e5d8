package io.gureum.ssm;

import java.time.Instant;
import java.util.List;

/**
 * A resource data sync: where Inventory data would be written ({@code SyncToDestination}) or where Explorer
 * would read from ({@code SyncFromSource}). Immutable; UpdateResourceDataSync replaces it.
 */
record StoredSync(String name, String type, Destination destination, Source source, Instant created,
        Instant modified) {
    /** {@code S3Destination}. */
    record Destination(String bucket, String prefix, String format, String region, String kmsKeyArn,
            String sharingType) {
    }

    /** {@code SyncSource}. */
    record Source(String sourceType, String organizationSourceType, List<String> organizationalUnits,
            List<String> regions, Boolean includeFutureRegions, Boolean enableAllOpsDataSources) {
    }
}
