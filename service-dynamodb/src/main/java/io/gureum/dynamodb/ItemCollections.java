package io.gureum.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;

/**
 * ReturnItemCollectionMetrics SIZE: for a table with a local secondary index, the written item's collection
 * (the items sharing its partition key, with their index entries) and its size as a range of gigabytes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections).
 * Tables without a local secondary index have no item collections, so nothing is returned for them.
 */
final class ItemCollections {
    private static final double GB = 1024.0 * 1024 * 1024;

    private ItemCollections() {
    }

    /** The metrics of the collection holding {@code keyOrItem}, or null when not asked or not applicable. */
    static ItemCollectionMetrics of(String mode, Table t, Map<String, AttributeValue> keyOrItem) {
        if (!"SIZE".equals(mode) || t.indexes.values().stream().allMatch(ix -> ix.global)) {
            return null;
        }
        long bytes = 0;
        NavigableMap<RowKey, Map<String, AttributeValue>> partition = t.data.partition(t.partitionOf(keyOrItem));
        if (partition != null) {
            long lsis = t.indexes.values().stream().filter(ix -> !ix.global).count();
            for (Map<String, AttributeValue> item : partition.values()) {
                bytes += io.gureum.dynamodb.expression.Values.itemSize(item) * (1 + lsis);
            }
        }
        double lower = Math.floor(bytes / GB);
        return ItemCollectionMetrics.builder().itemCollectionKey(Map.of(t.key.hash(), keyOrItem.get(t.key.hash())))
                .sizeEstimateRangeGB(List.of(lower, lower + 1)).build();
    }
}
