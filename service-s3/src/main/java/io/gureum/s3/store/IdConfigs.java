package io.gureum.s3.store;

import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.services.s3.model.AnalyticsConfiguration;
import software.amazon.awssdk.services.s3.model.IntelligentTieringConfiguration;
import software.amazon.awssdk.services.s3.model.InventoryConfiguration;
import software.amazon.awssdk.services.s3.model.MetricsConfiguration;

/**
 * A bucket's configurations that are named by an ID and listed by page (analytics, inventory, metrics,
 * S3 Intelligent-Tiering), each kept as the SDK's model object by ID in ID order.
 */
public final class IdConfigs {
    public final ConcurrentSkipListMap<String, AnalyticsConfiguration> analytics = new ConcurrentSkipListMap<>();
    public final ConcurrentSkipListMap<String, InventoryConfiguration> inventory = new ConcurrentSkipListMap<>();
    public final ConcurrentSkipListMap<String, MetricsConfiguration> metrics = new ConcurrentSkipListMap<>();
    public final ConcurrentSkipListMap<String, IntelligentTieringConfiguration> intelligentTiering =
            new ConcurrentSkipListMap<>();
}
