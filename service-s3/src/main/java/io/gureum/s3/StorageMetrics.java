package io.gureum.s3;

import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.GureumClock;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * S3's daily storage metrics in {@code AWS/S3}
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html#s3-cloudwatch-metrics):
 * at each midnight UTC on Gureum's clock, for every bucket, {@code BucketSizeBytes} per storage type
 * ({@code StandardStorage} always, the other classes when they hold data) and {@code NumberOfObjects}
 * ({@code StorageType=AllStorageTypes}), under {@code BucketName}, stamped with that midnight. Every
 * version counts, current or not; delete markers do not. Nothing is computed when nobody listens.
 */
final class StorageMetrics implements AutoCloseable {
    static final String NAMESPACE = "AWS/S3";
    private static final Map<String, String> STORAGE_TYPES = Map.of("STANDARD", "StandardStorage", "STANDARD_IA",
            "StandardIAStorage", "ONEZONE_IA", "OneZoneIAStorage", "REDUCED_REDUNDANCY", "ReducedRedundancyStorage",
            "INTELLIGENT_TIERING", "IntelligentTieringFAStorage", "GLACIER_IR", "GlacierInstantRetrievalStorage",
            "GLACIER", "GlacierStorage", "DEEP_ARCHIVE", "DeepArchiveStorage");

    private final EventBus events;
    private final GureumClock clock;
    private final S3Store store;
    private final ScheduledThreadPoolExecutor thread;
    private final DueTimer timer;

    StorageMetrics(ServiceContext context, S3Store store) {
        this.events = context.events();
        this.clock = context.clock();
        this.store = store;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-s3-metrics");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.timer = new DueTimer(clock, thread, thread);
        armNextMidnight();
    }

    private void armNextMidnight() {
        Instant midnight = clock.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        timer.at(midnight, () -> {
            if (events.hasSubscribers(ServiceMetric.class)) {
                store.buckets.values().forEach(b -> publish(b, midnight));
            }
            armNextMidnight();
        });
    }

    private void publish(Bucket b, Instant day) {
        Map<String, Long> bytes = new TreeMap<>();
        bytes.put("StandardStorage", 0L);
        long objects = 0;
        synchronized (b) { // writers change a key's versions under the bucket's monitor
            for (KeyVersions versions : b.objects.values()) {
                for (StoredObject o : versions.all()) {
                    if (o.deleteMarker) {
                        continue;
                    }
                    objects++;
                    String type = STORAGE_TYPES.getOrDefault(o.storageClass == null ? "STANDARD" : o.storageClass,
                            "StandardStorage");
                    bytes.merge(type, o.size, Long::sum);
                }
            }
        }
        bytes.forEach((type, size) -> events.publish(new ServiceMetric(b.owner, b.region, NAMESPACE, "BucketSizeBytes",
                Map.of("BucketName", b.name, "StorageType", type), size, "Bytes", day)));
        events.publish(new ServiceMetric(b.owner, b.region, NAMESPACE, "NumberOfObjects",
                Map.of("BucketName", b.name, "StorageType", "AllStorageTypes"), objects, "Count", day));
    }

    @Override
    public void close() {
        timer.close();
        thread.shutdownNow();
    }
}
