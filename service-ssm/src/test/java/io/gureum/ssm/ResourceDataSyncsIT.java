package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncInvalidConfigurationException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncItem;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncS3Format;

/** Resource data syncs through the SDK: to an existing bucket, from sources, listed, updated, deleted. */
class ResourceDataSyncsIT extends StateManagerTestSupport {
    private static ResourceDataSyncItem listed(String type, String name) {
        return ssm.listResourceDataSync(b -> b.syncType(type)).resourceDataSyncItems().stream()
                .filter(i -> i.syncName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void syncToAnExistingBucketOnly() {
        String bucket = unique("inventory");
        String name = unique("sync");
        assertError(ResourceDataSyncInvalidConfigurationException.class, "ResourceDataSyncInvalidConfigurationException",
                400, null, () -> ssm.createResourceDataSync(b -> b.syncName(name).s3Destination(d -> d.bucketName(bucket)
                        .region("us-east-1").syncFormat(ResourceDataSyncS3Format.JSON_SER_DE))));
        s3.createBucket(b -> b.bucket(bucket));
        ssm.createResourceDataSync(b -> b.syncName(name).s3Destination(d -> d.bucketName(bucket).prefix("inv")
                .region("us-east-1").syncFormat(ResourceDataSyncS3Format.JSON_SER_DE)));
        assertError(ResourceDataSyncAlreadyExistsException.class, "ResourceDataSyncAlreadyExistsException", 400, null,
                () -> ssm.createResourceDataSync(b -> b.syncName(name).s3Destination(d -> d.bucketName(bucket)
                        .region("us-east-1").syncFormat(ResourceDataSyncS3Format.JSON_SER_DE))));
        ResourceDataSyncItem item = listed(null, name);
        assertEquals("SyncToDestination", item.syncType());
        assertEquals("inv", item.s3Destination().prefix());
        assertNull(item.lastStatus(), "no sync has run");
        assertNull(item.lastSuccessfulSyncTime());
        assertEquals(item.syncCreatedTime(), item.syncLastModifiedTime());
        assertError(ResourceDataSyncInvalidConfigurationException.class, "ResourceDataSyncInvalidConfigurationException",
                400, null, () -> ssm.updateResourceDataSync(b -> b.syncName(name).syncType("SyncToDestination")
                        .syncSource(s -> s.sourceType("SingleAccountMultiRegions").sourceRegions("us-east-1"))));
        assertError(ResourceDataSyncNotFoundException.class, "ResourceDataSyncNotFoundException", 400, null,
                () -> ssm.deleteResourceDataSync(b -> b.syncName(name).syncType("SyncFromSource")));
        ssm.deleteResourceDataSync(b -> b.syncName(name));
        assertNull(listed(null, name));
        assertError(ResourceDataSyncNotFoundException.class, "ResourceDataSyncNotFoundException", 400, null,
                () -> ssm.deleteResourceDataSync(b -> b.syncName(name)));
    }

    @Test
    void syncFromSourceIsCheckedUpdatedAndListedByType() {
        String name = unique("explorer");
        assertError(ResourceDataSyncInvalidConfigurationException.class, "ResourceDataSyncInvalidConfigurationException",
                400, null, () -> ssm.createResourceDataSync(b -> b.syncName(name).syncType("SyncFromSource")));
        assertError(ResourceDataSyncInvalidConfigurationException.class, "ResourceDataSyncInvalidConfigurationException",
                400, null, () -> ssm.createResourceDataSync(b -> b.syncName(name).syncType("SyncFromSource")
                        .syncSource(s -> s.sourceType("Elsewhere").sourceRegions("us-east-1"))));
        assertError(ResourceDataSyncInvalidConfigurationException.class, "ResourceDataSyncInvalidConfigurationException",
                400, null, () -> ssm.createResourceDataSync(b -> b.syncName(name).syncType("SyncFromSource")
                        .syncSource(s -> s.sourceType("AwsOrganizations").sourceRegions("us-east-1"))));
        ssm.createResourceDataSync(b -> b.syncName(name).syncType("SyncFromSource").syncSource(s -> s
                .sourceType("SingleAccountMultiRegions").sourceRegions("us-east-1", "eu-west-1")
                .includeFutureRegions(false)));
        assertNull(listed(null, name), "the default SyncType is SyncToDestination");
        ResourceDataSyncItem item = listed("SyncFromSource", name);
        assertEquals(List.of("us-east-1", "eu-west-1"), item.syncSource().sourceRegions());

        gureum.context().clock().advance(java.time.Duration.ofMinutes(5));
        ssm.updateResourceDataSync(b -> b.syncName(name).syncType("SyncFromSource").syncSource(s -> s
                .sourceType("SingleAccountMultiRegions").sourceRegions("us-east-1").includeFutureRegions(true)));
        ResourceDataSyncItem updated = listed("SyncFromSource", name);
        assertEquals(List.of("us-east-1"), updated.syncSource().sourceRegions());
        assertTrue(updated.syncSource().includeFutureRegions());
        assertTrue(updated.syncLastModifiedTime().isAfter(updated.syncCreatedTime()));
        assertError(ResourceDataSyncNotFoundException.class, "ResourceDataSyncNotFoundException", 400, null,
                () -> ssm.updateResourceDataSync(b -> b.syncName(unique("none")).syncType("SyncFromSource")
                        .syncSource(s -> s.sourceType("SingleAccountMultiRegions").sourceRegions("us-east-1"))));
        ssm.deleteResourceDataSync(b -> b.syncName(name).syncType("SyncFromSource"));
        assertNull(listed("SyncFromSource", name));
    }
}
