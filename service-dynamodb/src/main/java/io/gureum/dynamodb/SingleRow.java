package io.gureum.dynamodb;

import java.util.AbstractMap;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A partition of one row, read-only: what every partition of a table without a sort key is. A TreeMap of one entry
 * costs 88 bytes (the map and its entry); this costs 24, about an eighth of such a table's per-item heap. Lookups
 * are answered directly; the rarer navigation (sub-maps, descending order) goes through a one-entry TreeMap made for
 * the call. {@link Partitions} replaces it with a TreeMap when a second row arrives.
 */
final class SingleRow extends AbstractMap<RowKey, Map<String, AttributeValue>>
        implements NavigableMap<RowKey, Map<String, AttributeValue>> {
    final RowKey key;
    final Map<String, AttributeValue> item;

    SingleRow(RowKey key, Map<String, AttributeValue> item) {
        this.key = key;
        this.item = item;
    }

    boolean holds(RowKey k) {
        return key.compareTo(k) == 0;
    }

    private TreeMap<RowKey, Map<String, AttributeValue>> view() {
        TreeMap<RowKey, Map<String, AttributeValue>> t = new TreeMap<>();
        t.put(key, item);
        return t;
    }

    @Override
    public Map<String, AttributeValue> get(Object k) {
        return k instanceof RowKey r && holds(r) ? item : null;
    }

    @Override
    public boolean containsKey(Object k) {
        return k instanceof RowKey r && holds(r);
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public Set<Entry<RowKey, Map<String, AttributeValue>>> entrySet() {
        return Set.of(Map.entry(key, item));
    }

    @Override
    public Comparator<? super RowKey> comparator() {
        return null;
    }

    @Override
    public RowKey firstKey() {
        return key;
    }

    @Override
    public RowKey lastKey() {
        return key;
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> firstEntry() {
        return Map.entry(key, item);
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> lastEntry() {
        return Map.entry(key, item);
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> lowerEntry(RowKey k) {
        return view().lowerEntry(k);
    }

    @Override
    public RowKey lowerKey(RowKey k) {
        return view().lowerKey(k);
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> floorEntry(RowKey k) {
        return view().floorEntry(k);
    }

    @Override
    public RowKey floorKey(RowKey k) {
        return view().floorKey(k);
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> ceilingEntry(RowKey k) {
        return view().ceilingEntry(k);
    }

    @Override
    public RowKey ceilingKey(RowKey k) {
        return view().ceilingKey(k);
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> higherEntry(RowKey k) {
        return view().higherEntry(k);
    }

    @Override
    public RowKey higherKey(RowKey k) {
        return view().higherKey(k);
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> pollFirstEntry() {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Entry<RowKey, Map<String, AttributeValue>> pollLastEntry() {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public NavigableMap<RowKey, Map<String, AttributeValue>> descendingMap() {
        return view().descendingMap();
    }

    @Override
    public NavigableSet<RowKey> navigableKeySet() {
        return view().navigableKeySet();
    }

    @Override
    public NavigableSet<RowKey> descendingKeySet() {
        return view().descendingKeySet();
    }

    @Override
    public NavigableMap<RowKey, Map<String, AttributeValue>> subMap(RowKey from, boolean fromInclusive, RowKey to,
            boolean toInclusive) {
        return view().subMap(from, fromInclusive, to, toInclusive);
    }

    @Override
    public NavigableMap<RowKey, Map<String, AttributeValue>> headMap(RowKey to, boolean inclusive) {
        return view().headMap(to, inclusive);
    }

    @Override
    public NavigableMap<RowKey, Map<String, AttributeValue>> tailMap(RowKey from, boolean inclusive) {
        return view().tailMap(from, inclusive);
    }

    @Override
    public SortedMap<RowKey, Map<String, AttributeValue>> subMap(RowKey from, RowKey to) {
        return view().subMap(from, to);
    }

    @Override
    public SortedMap<RowKey, Map<String, AttributeValue>> headMap(RowKey to) {
        return view().headMap(to);
    }

    @Override
    public SortedMap<RowKey, Map<String, AttributeValue>> tailMap(RowKey from) {
        return view().tailMap(from);
    }
}
