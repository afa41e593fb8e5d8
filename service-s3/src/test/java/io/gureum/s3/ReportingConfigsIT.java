package io.gureum.s3;

import static io.gureum.s3.BucketConfigIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.AnalyticsS3ExportFileFormat;
import software.amazon.awssdk.services.s3.model.IntelligentTieringAccessTier;
import software.amazon.awssdk.services.s3.model.IntelligentTieringStatus;
import software.amazon.awssdk.services.s3.model.InventoryFormat;
import software.amazon.awssdk.services.s3.model.InventoryFrequency;
import software.amazon.awssdk.services.s3.model.InventoryIncludedObjectVersions;
import software.amazon.awssdk.services.s3.model.ListBucketMetricsConfigurationsResponse;
import software.amazon.awssdk.services.s3.model.MetricsConfiguration;
import software.amazon.awssdk.services.s3.model.StorageClassAnalysisSchemaVersion;
import software.amazon.awssdk.services.s3.model.Tiering;

/** Analytics, inventory, metrics and Intelligent-Tiering configurations: stored by ID, validated, listed. */
class ReportingConfigsIT extends S3Fixture {

    @Test
    void metricsConfigurationsAreStoredListedByPageAndDeleted() {
        String bucket = newBucket();
        assertError("NoSuchConfiguration", 404, () -> s3.getBucketMetricsConfiguration(b -> b.bucket(bucket)
                .id("none")));
        assertError("NoSuchConfiguration", 404, () -> s3.deleteBucketMetricsConfiguration(b -> b.bucket(bucket)
                .id("none")));
        for (int i = 0; i < 101; i++) {
            String id = String.format("m%03d", i);
            s3.putBucketMetricsConfiguration(b -> b.bucket(bucket).id(id).metricsConfiguration(
                    m -> m.id(id).filter(f -> f.prefix("logs/"))));
        }
        MetricsConfiguration one = s3.getBucketMetricsConfiguration(b -> b.bucket(bucket).id("m007"))
                .metricsConfiguration();
        assertEquals("logs/", one.filter().prefix());
        ListBucketMetricsConfigurationsResponse first = s3.listBucketMetricsConfigurations(b -> b.bucket(bucket));
        assertEquals(100, first.metricsConfigurationList().size());
        assertTrue(first.isTruncated());
        ListBucketMetricsConfigurationsResponse second = s3.listBucketMetricsConfigurations(b -> b.bucket(bucket)
                .continuationToken(first.nextContinuationToken()));
        assertEquals(List.of("m100"), second.metricsConfigurationList().stream().map(MetricsConfiguration::id)
                .toList());
        assertFalse(second.isTruncated());
        assertNull(second.nextContinuationToken());
        assertEquals(204, s3.deleteBucketMetricsConfiguration(b -> b.bucket(bucket).id("m100")).sdkHttpResponse()
                .statusCode());
        assertError("NoSuchConfiguration", 404, () -> s3.getBucketMetricsConfiguration(b -> b.bucket(bucket)
                .id("m100")));
        assertError("InvalidArgument", 400, () -> s3.putBucketMetricsConfiguration(b -> b.bucket(bucket).id("a")
                .metricsConfiguration(m -> m.id("b"))));
    }

    @Test
    void inventoryAndAnalyticsRoundTrip() {
        String bucket = newBucket();
        String target = newBucket();
        s3.putBucketInventoryConfiguration(b -> b.bucket(bucket).id("daily").inventoryConfiguration(c -> c.id("daily")
                .isEnabled(true).includedObjectVersions(InventoryIncludedObjectVersions.CURRENT)
                .schedule(s -> s.frequency(InventoryFrequency.DAILY))
                .destination(d -> d.s3BucketDestination(s -> s.bucket("arn:aws:s3:::" + target)
                        .format(InventoryFormat.CSV).prefix("inv")))
                .optionalFieldsWithStrings("Size", "ETag")));
        var inv = s3.getBucketInventoryConfiguration(b -> b.bucket(bucket).id("daily")).inventoryConfiguration();
        assertEquals("arn:aws:s3:::" + target, inv.destination().s3BucketDestination().bucket());
        assertEquals(List.of("Size", "ETag"), inv.optionalFieldsAsStrings());
        assertEquals(1, s3.listBucketInventoryConfigurations(b -> b.bucket(bucket)).inventoryConfigurationList()
                .size());

        s3.putBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("sca").analyticsConfiguration(c -> c.id("sca")
                .filter(f -> f.prefix("docs/")).storageClassAnalysis(s -> s.dataExport(e -> e
                        .outputSchemaVersion(StorageClassAnalysisSchemaVersion.V_1)
                        .destination(d -> d.s3BucketDestination(x -> x.bucket("arn:aws:s3:::" + target)
                                .format(AnalyticsS3ExportFileFormat.CSV)))))));
        assertEquals("docs/", s3.getBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("sca"))
                .analyticsConfiguration().filter().prefix());
        assertEquals(List.of("sca"), s3.listBucketAnalyticsConfigurations(b -> b.bucket(bucket))
                .analyticsConfigurationList().stream().map(c -> c.id()).toList());
        s3.deleteBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("sca"));
        assertTrue(s3.listBucketAnalyticsConfigurations(b -> b.bucket(bucket)).analyticsConfigurationList().isEmpty());
    }

    @Test
    void intelligentTieringDaysAreChecked() {
        String bucket = newBucket();
        s3.putBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("it").intelligentTieringConfiguration(
                c -> c.id("it").status(IntelligentTieringStatus.ENABLED).tierings(
                        Tiering.builder().accessTier(IntelligentTieringAccessTier.ARCHIVE_ACCESS).days(90).build(),
                        Tiering.builder().accessTier(IntelligentTieringAccessTier.DEEP_ARCHIVE_ACCESS).days(180)
                                .build())));
        assertEquals(2, s3.getBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("it"))
                .intelligentTieringConfiguration().tierings().size());
        List<String> ids = new ArrayList<>();
        s3.listBucketIntelligentTieringConfigurations(b -> b.bucket(bucket)).intelligentTieringConfigurationList()
                .forEach(c -> ids.add(c.id()));
        assertEquals(List.of("it"), ids);
        assertError("InvalidArgument", 400, () -> s3.putBucketIntelligentTieringConfiguration(b -> b.bucket(bucket)
                .id("short").intelligentTieringConfiguration(c -> c.id("short").status(IntelligentTieringStatus.ENABLED)
                        .tierings(Tiering.builder().accessTier(IntelligentTieringAccessTier.DEEP_ARCHIVE_ACCESS)
                                .days(90).build()))));
        s3.deleteBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("it"));
        assertError("NoSuchConfiguration", 404, () -> s3.getBucketIntelligentTieringConfiguration(b -> b.bucket(bucket)
                .id("it")));
    }
}
