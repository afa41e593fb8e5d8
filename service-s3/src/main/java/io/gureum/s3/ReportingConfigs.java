package io.gureum.s3;

import io.gureum.s3.store.IdConfigs;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of the ID-named bucket configurations: analytics (storage class analysis), inventory, metrics
 * (CloudWatch request-metric filters) and S3 Intelligent-Tiering archive settings. Stored, validated and
 * listed as S3 does ({@link IdConfigTable}); Gureum produces no analysis exports, inventory reports or
 * request metrics from them.
 */
final class ReportingConfigs {
    private final BucketAccess access;

    ReportingConfigs(BucketAccess access) {
        this.access = access;
    }

    private IdConfigs configs(String bucket) {
        return access.bucket(bucket).idConfigs;
    }

    // ---- analytics

    public PutBucketAnalyticsConfigurationResponse putBucketAnalyticsConfiguration(
            PutBucketAnalyticsConfigurationRequest r) {
        AnalyticsConfiguration c = r.analyticsConfiguration();
        IdConfigTable.put(configs(r.bucket()).analytics, r.id(), c == null ? null : c.id(), c);
        return PutBucketAnalyticsConfigurationResponse.builder().build();
    }

    public GetBucketAnalyticsConfigurationResponse getBucketAnalyticsConfiguration(
            GetBucketAnalyticsConfigurationRequest r) {
        return GetBucketAnalyticsConfigurationResponse.builder()
                .analyticsConfiguration(IdConfigTable.get(configs(r.bucket()).analytics, r.id())).build();
    }

    public DeleteBucketAnalyticsConfigurationResponse deleteBucketAnalyticsConfiguration(
            DeleteBucketAnalyticsConfigurationRequest r) {
        IdConfigTable.delete(configs(r.bucket()).analytics, r.id());
        return DeleteBucketAnalyticsConfigurationResponse.builder().build();
    }

    public ListBucketAnalyticsConfigurationsResponse listBucketAnalyticsConfigurations(
            ListBucketAnalyticsConfigurationsRequest r) {
        var page = IdConfigTable.list(configs(r.bucket()).analytics, r.continuationToken());
        return ListBucketAnalyticsConfigurationsResponse.builder().analyticsConfigurationList(page.items())
                .isTruncated(page.next() != null).continuationToken(r.continuationToken())
                .nextContinuationToken(page.next()).build();
    }

    // ---- inventory

    public PutBucketInventoryConfigurationResponse putBucketInventoryConfiguration(
            PutBucketInventoryConfigurationRequest r) {
        InventoryConfiguration c = r.inventoryConfiguration();
        IdConfigTable.put(configs(r.bucket()).inventory, r.id(), c == null ? null : c.id(), c);
        return PutBucketInventoryConfigurationResponse.builder().build();
    }

    public GetBucketInventoryConfigurationResponse getBucketInventoryConfiguration(
            GetBucketInventoryConfigurationRequest r) {
        return GetBucketInventoryConfigurationResponse.builder()
                .inventoryConfiguration(IdConfigTable.get(configs(r.bucket()).inventory, r.id())).build();
    }

    public DeleteBucketInventoryConfigurationResponse deleteBucketInventoryConfiguration(
            DeleteBucketInventoryConfigurationRequest r) {
        IdConfigTable.delete(configs(r.bucket()).inventory, r.id());
        return DeleteBucketInventoryConfigurationResponse.builder().build();
    }

    public ListBucketInventoryConfigurationsResponse listBucketInventoryConfigurations(
            ListBucketInventoryConfigurationsRequest r) {
        var page = IdConfigTable.list(configs(r.bucket()).inventory, r.continuationToken());
        return ListBucketInventoryConfigurationsResponse.builder().inventoryConfigurationList(page.items())
                .isTruncated(page.next() != null).continuationToken(r.continuationToken())
                .nextContinuationToken(page.next()).build();
    }

    // ---- metrics

    public PutBucketMetricsConfigurationResponse putBucketMetricsConfiguration(PutBucketMetricsConfigurationRequest r) {
        MetricsConfiguration c = r.metricsConfiguration();
        IdConfigTable.put(configs(r.bucket()).metrics, r.id(), c == null ? null : c.id(), c);
        return PutBucketMetricsConfigurationResponse.builder().build();
    }

    public GetBucketMetricsConfigurationResponse getBucketMetricsConfiguration(GetBucketMetricsConfigurationRequest r) {
        return GetBucketMetricsConfigurationResponse.builder()
                .metricsConfiguration(IdConfigTable.get(configs(r.bucket()).metrics, r.id())).build();
    }

    public DeleteBucketMetricsConfigurationResponse deleteBucketMetricsConfiguration(
            DeleteBucketMetricsConfigurationRequest r) {
        IdConfigTable.delete(configs(r.bucket()).metrics, r.id());
        return DeleteBucketMetricsConfigurationResponse.builder().build();
    }

    public ListBucketMetricsConfigurationsResponse listBucketMetricsConfigurations(
            ListBucketMetricsConfigurationsRequest r) {
        var page = IdConfigTable.list(configs(r.bucket()).metrics, r.continuationToken());
        return ListBucketMetricsConfigurationsResponse.builder().metricsConfigurationList(page.items())
                .isTruncated(page.next() != null).continuationToken(r.continuationToken())
                .nextContinuationToken(page.next()).build();
    }

    // ---- S3 Intelligent-Tiering

    public PutBucketIntelligentTieringConfigurationResponse putBucketIntelligentTieringConfiguration(
            PutBucketIntelligentTieringConfigurationRequest r) {
        IntelligentTieringConfiguration c = r.intelligentTieringConfiguration();
        if (c != null) {
            checkTierings(c);
        }
        IdConfigTable.put(configs(r.bucket()).intelligentTiering, r.id(), c == null ? null : c.id(), c);
        return PutBucketIntelligentTieringConfigurationResponse.builder().build();
    }

    /**
     * Archive Access after 90 to 730 days without access, Deep Archive Access after 180 to 730, each tier
     * once (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Tiering.html).
     */
    private static void checkTierings(IntelligentTieringConfiguration c) {
        if (c.tierings().isEmpty()) {
            throw S3Errors.malformedXml();
        }
        Set<String> seen = new HashSet<>();
        for (Tiering t : c.tierings()) {
            String tier = t.accessTierAsString();
            int min = "DEEP_ARCHIVE_ACCESS".equals(tier) ? 180 : 90;
            if (!seen.add(tier)) {
                throw S3Errors.invalidArgument("Duplicate AccessTier in the tierings: " + tier, "AccessTier", tier);
            }
            if (t.days() == null || t.days() < min || t.days() > 730) {
                throw S3Errors.invalidArgument("The number of days for " + tier + " must be between " + min
                        + " and 730.", "Days", String.valueOf(t.days()));
            }
        }
    }

    public GetBucketIntelligentTieringConfigurationResponse getBucketIntelligentTieringConfiguration(
            GetBucketIntelligentTieringConfigurationRequest r) {
        return GetBucketIntelligentTieringConfigurationResponse.builder().intelligentTieringConfiguration(
                IdConfigTable.get(configs(r.bucket()).intelligentTiering, r.id())).build();
    }

    public DeleteBucketIntelligentTieringConfigurationResponse deleteBucketIntelligentTieringConfiguration(
            DeleteBucketIntelligentTieringConfigurationRequest r) {
        IdConfigTable.delete(configs(r.bucket()).intelligentTiering, r.id());
        return DeleteBucketIntelligentTieringConfigurationResponse.builder().build();
    }

    public ListBucketIntelligentTieringConfigurationsResponse listBucketIntelligentTieringConfigurations(
            ListBucketIntelligentTieringConfigurationsRequest r) {
        var page = IdConfigTable.list(configs(r.bucket()).intelligentTiering, r.continuationToken());
        return ListBucketIntelligentTieringConfigurationsResponse.builder()
                .intelligentTieringConfigurationList(page.items()).isTruncated(page.next() != null)
                .continuationToken(r.continuationToken()).nextContinuationToken(page.next()).build();
    }
}
