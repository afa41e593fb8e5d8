package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import io.gureum.dynamodb.partiql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A PartiQL SELECT: a lookup of one partition when WHERE pins the partition key (of the table, or of the
 * index after the table name) with {@code =}, a scan otherwise. A page stops after {@code Limit} items
 * evaluated or 1 MB read, whichever comes first, and WHERE filters what was read, as Scan's filter does
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html).
 */
final class PartiQlSelect {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a page read. */
    record Page(List<Map<String, AttributeValue>> items, String nextToken, Map<String, AttributeValue> lastKey,
            long bytes) {
    }

    private PartiQlSelect() {
    }

    static Page run(Table t, Statement.Select s, Integer limit, String nextToken, boolean consistent) {
        Index ix = null;
        if (s.index() != null) {
            ix = t.indexes.get(s.index());
            if (ix == null || ix.status.equals("DELETING")) {
                throw DynamoErrors.validation("The table does not have the specified index: " + s.index());
            }
            if (ix.global && consistent) {
                throw DynamoErrors.validation(DynamoErrors.GSI_CONSISTENT_READ);
            }
        }
        KeySchema key = ix == null ? t.key : ix.key;
        Partitions data = ix == null ? t.data : ix.data;
        Map<String, AttributeValue> start = nextToken == null ? null : decode(nextToken);
        Map<String, AttributeValue> pinned = PartiQlWrite.pinned(s.where(), key.hashNames());
        KeyValue startPk = start == null ? null : ix != null ? ix.partitionOf(start) : KeyValue.of(start.get(key.hash()));
        RowKey startRow = start == null ? null : rowOf(t, ix, start);

        List<Map<String, AttributeValue>> out = new ArrayList<>();
        int max = limit == null ? Integer.MAX_VALUE : limit;
        int evaluated = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        KeyValue pinnedPartition = pinned == null ? null : key.multi()
                ? KeyValue.composite(key.hashNames().stream().map(pinned::get).toList()) : KeyValue.of(pinned.get(key.hash()));
        Iterator<Map<String, AttributeValue>> it = iterate(data, pinnedPartition,
                startPk, startRow, s.descending());
        while (it.hasNext()) {
            if (evaluated >= max || bytes >= Queries.PAGE_BYTES) {
                return new Page(out, encode(last), last, bytes);
            }
            Map<String, AttributeValue> item = it.next();
            evaluated++;
            bytes += Values.itemSize(item);
            last = keyOf(t, ix, item);
            Map<String, AttributeValue> visible = ix == null ? item : ix.project(item, t.key);
            if (s.where() == null || Evaluator.test(s.where(), visible)) {
                out.add(s.projection() == null ? visible : Updater.project(visible, s.projection()));
            }
        }
        return new Page(out, null, null, bytes);
    }

    /** The rows of one partition (or all), after the start position, in key order or its reverse. */
    private static Iterator<Map<String, AttributeValue>> iterate(Partitions data, KeyValue partition, KeyValue startPk,
            RowKey startRow, boolean descending) {
        NavigableMap<KeyValue, NavigableMap<RowKey, Map<String, AttributeValue>>> all = data.all();
        NavigableMap<KeyValue, NavigableMap<RowKey, Map<String, AttributeValue>>> parts;
        if (partition != null) {
            NavigableMap<RowKey, Map<String, AttributeValue>> p = all.get(partition);
            parts = new TreeMap<>();
            if (p != null) {
                parts.put(partition, p);
            }
        } else {
            parts = startPk == null ? all : all.tailMap(startPk, true);
        }
        List<Iterator<Map<String, AttributeValue>>> its = new ArrayList<>();
        parts.forEach((pk, rows) -> {
            NavigableMap<RowKey, Map<String, AttributeValue>> r = descending ? rows.descendingMap() : rows;
            if (startPk != null && pk.equals(startPk)) {
                r = r.tailMap(startRow, false);
            }
            its.add(r.values().iterator());
        });
        return its.stream().flatMap(i -> {
            Iterable<Map<String, AttributeValue>> iterable = () -> i;
            return java.util.stream.StreamSupport.stream(iterable.spliterator(), false);
        }).iterator();
    }

    private static RowKey rowOf(Table t, Index ix, Map<String, AttributeValue> key) {
        return ix == null ? t.rowOf(key) : ix.rowOf(key, t.key);
    }

    private static Map<String, AttributeValue> keyOf(Table t, Index ix, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(t.keyOf(item));
        if (ix != null) {
            ix.key.names().forEach(n -> out.put(n, item.get(n)));
        }
        return out;
    }

    private static String encode(Map<String, AttributeValue> key) {
        return Base64.getEncoder().encodeToString(DynamoJson.item(key).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String token) {
        try {
            return DynamoJson.item(JSON.readTree(Base64.getDecoder().decode(token)));
        } catch (Exception e) {
            throw DynamoErrors.validation("Invalid NextToken");
        }
    }
}
