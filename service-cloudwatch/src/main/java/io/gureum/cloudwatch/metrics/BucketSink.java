package io.gureum.cloudwatch.metrics;

/** Where a {@link MetricStore} records its buckets for {@code --data-dir}. Called under the series' lock. */
public interface BucketSink {
    /** A bucket that changed (or was made). */
    void put(BucketValue bucket);

    /** A bucket that is gone (rolled up into a coarser one, or past retention). */
    void delete(String recordKey);
}
