package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast.Condition;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.ExpressionAttributes;
import io.gureum.dynamodb.expression.Parser;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Query and Scan over a table or one of its indexes. A page ends at Limit items evaluated or 1 MB read,
 * whichever comes first; FilterExpression is applied after that, so a page can be empty yet carry a
 * LastEvaluatedKey (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html).
 */
final class Queries {
    static final long PAGE_BYTES = 1024 * 1024;

    private final DynamoDbState state;
    private final Tables tables;

    Queries(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    /** What a page read: items (after filter and projection), counts, bytes and where it stopped. */
    private record Page(List<Map<String, AttributeValue>> items, int count, int scanned, long bytes,
            Map<String, AttributeValue> lastKey) {
    }

    /** The table or index being read, with its key schema and how rows are keyed. */
    private record Source(Table table, Index index) {
        KeySchema key() {
            return index == null ? table.key : index.key;
        }

        Partitions data() {
            return index == null ? table.data : index.data;
        }

        RowKey rowOf(Map<String, AttributeValue> item) {
            return index == null ? table.rowOf(item) : index.rowOf(item, table.key);
        }

        Map<String, AttributeValue> visible(Map<String, AttributeValue> item) {
            return index == null ? item : index.project(item, table.key);
        }

        /** LastEvaluatedKey: the table's key, plus the index's key for an index. */
        Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
            Map<String, AttributeValue> out = new LinkedHashMap<>(table.keyOf(item));
            if (index != null) {
                index.key.names().forEach(n -> out.put(n, item.get(n)));
            }
            return out;
        }
    }

    private Source source(Table t, String indexName, Boolean consistent, String select) {
        if (indexName == null) {
            if ("ALL_PROJECTED_ATTRIBUTES".equals(select)) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES"
                        + " is supported only when querying an index");
            }
            return new Source(t, null);
        }
        Index ix = t.indexes.get(indexName);
        if (ix == null || ix.status.equals("DELETING")) {
            throw DynamoErrors.validation("The table does not have the specified index: " + indexName);
        }
        if (ix.global && Boolean.TRUE.equals(consistent)) {
            throw DynamoErrors.validation(DynamoErrors.GSI_CONSISTENT_READ);
        }
        if ("ALL_ATTRIBUTES".equals(select) && ix.global && !ix.projectionType.equals("ALL")) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not"
                    + " supported for global secondary index " + indexName + " because its projection type is not ALL");
        }
        return new Source(t, ix);
    }

    private static void checkLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw DynamoErrors.constraint(limit, "limit", "Member must have value greater than or equal to 1");
        }
    }

    private static void checkSelect(String select, boolean projection) {
        if ("SPECIFIC_ATTRIBUTES".equals(select) && !projection) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Must specify the AttributesToGet or"
                    + " ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
        if (select != null && !"SPECIFIC_ATTRIBUTES".equals(select) && projection) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Cannot specify the ProjectionExpression"
                    + " when choosing to get " + select);
        }
    }

    /** The row ExclusiveStartKey designates, after checking it against the source's keys. */
    private static RowKey startRow(Source s, Map<String, AttributeValue> start) {
        List<String> names = new ArrayList<>(s.table().key.names());
        if (s.index() != null) {
            s.index().key.names().forEach(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
        }
        for (String n : names) {
            AttributeValue v = start.get(n);
            if (v == null || !s.table().attributeTypes.get(n).equals(Values.type(v))) {
                throw DynamoErrors.validation("The provided starting key is invalid: The provided key element does not match the schema");
            }
        }
        if (start.size() != names.size()) {
            throw DynamoErrors.validation("The provided starting key is invalid: The provided key element does not match the schema");
        }
        return s.rowOf(start);
    }

    // ---- Query ----

    public QueryResponse query(QueryRequest r) {
        checkLimit(r.limit());
        boolean hasKeyExpr = r.keyConditionExpression() != null;
        Items.noMixing("KeyConditions", r.hasKeyConditions(), "KeyConditionExpression", hasKeyExpr);
        Items.noMixing("QueryFilter", r.hasQueryFilter(), "FilterExpression", r.filterExpression() != null);
        Items.noMixing("AttributesToGet", r.hasAttributesToGet(), "ProjectionExpression", r.projectionExpression() != null);
        if (!hasKeyExpr && !r.hasKeyConditions()) {
            throw DynamoErrors.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        boolean anyExpression = hasKeyExpr || r.filterExpression() != null || r.projectionExpression() != null;
        Items.checkExpressionParameters(anyExpression, r.expressionAttributeNames(), r.expressionAttributeValues(),
                r.hasExpressionAttributeNames(), r.hasExpressionAttributeValues());
        ExpressionAttributes attrs = new ExpressionAttributes(r.expressionAttributeNames(), r.expressionAttributeValues());
        Condition keyCond = hasKeyExpr ? Parser.condition("KeyConditionExpression", r.keyConditionExpression(), attrs)
                : Legacy.conditions(r.keyConditions(), "AND");
        Condition filter = r.filterExpression() != null ? Parser.condition("FilterExpression", r.filterExpression(), attrs)
                : Legacy.conditions(r.hasQueryFilter() ? r.queryFilter() : null, r.conditionalOperatorAsString());
        List<Path> projection = Items.projection(r.projectionExpression(), r.hasAttributesToGet() ? r.attributesToGet() : null, attrs);
        attrs.checkAllUsed();
        String select = r.selectAsString();
        checkSelect(select, projection != null);
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        Source s = source(t, r.indexName(), r.consistentRead(), select);
        if (filter != null) {
            checkFilterKeys(filter, s.key());
        }
        boolean forward = !Boolean.FALSE.equals(r.scanIndexForward());
        NavigableMap<RowKey, Map<String, AttributeValue>> range;
        if (s.key().multi()) {
            MultiKeyCondition mk = MultiKeyCondition.of(keyCond, s.key(), t.attributeTypes);
            NavigableMap<RowKey, Map<String, AttributeValue>> rows = s.data().partition(mk.partition());
            range = rows == null ? new TreeMap<>() : mk.rows(rows);
        } else {
            KeyCondition kc = KeyCondition.of(keyCond, s.key());
            NavigableMap<RowKey, Map<String, AttributeValue>> rows = s.data().partition(KeyValue.of(kc.hash()));
            range = rows == null ? new TreeMap<>() : range(rows, kc);
        }
        if (r.hasExclusiveStartKey()) {
            RowKey start = startRow(s, r.exclusiveStartKey());
            range = forward ? range.tailMap(start, false) : range.headMap(start, false);
        }
        if (!forward) {
            range = range.descendingMap();
        }
        Page page = read(s, List.of(range).iterator(), r.limit(), filter, projection, "COUNT".equals(select));
        QueryResponse.Builder b = QueryResponse.builder().count(page.count()).scannedCount(page.scanned());
        if (!"COUNT".equals(select)) {
            b.items(page.items());
        }
        if (page.lastKey() != null) {
            b.lastEvaluatedKey(page.lastKey());
        }
        Items.setCapacity(b::consumedCapacity, Capacity.read(r.returnConsumedCapacityAsString(), t.name, page.bytes(),
                Boolean.TRUE.equals(r.consistentRead()), s.index() == null ? null : s.index().name,
                s.index() != null && s.index().global));
        return b.build();
    }

    private static void checkFilterKeys(Condition filter, KeySchema key) {
        // DynamoDB rejects filters on key attributes of the queried key schema.
        String found = KeyAttributes.firstKeyAttribute(filter, key);
        if (found != null) {
            throw DynamoErrors.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: " + found);
        }
    }

    private static NavigableMap<RowKey, Map<String, AttributeValue>> range(
            NavigableMap<RowKey, Map<String, AttributeValue>> rows, KeyCondition kc) {
        RowKey from = kc.from();
        RowKey to = kc.to();
        if (from != null && to != null) {
            if (from.compareTo(to) > 0) {
                return new TreeMap<>();
            }
            return rows.subMap(from, true, to, kc.toInclusive());
        }
        if (from != null) {
            return rows.tailMap(from, true);
        }
        if (to != null) {
            return rows.headMap(to, kc.toInclusive());
        }
        return rows;
    }

    /** Walks rows until Limit or 1 MB, applying the filter and projections. */
    private static Page read(Source s, java.util.Iterator<? extends Map<RowKey, Map<String, AttributeValue>>> ranges,
            Integer limit, Condition filter, List<Path> projection, boolean countOnly) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        boolean more = false;
        outer:
        while (ranges.hasNext()) {
            for (Map<String, AttributeValue> stored : ranges.next().values()) {
                if ((limit != null && scanned >= limit) || bytes >= PAGE_BYTES) {
                    more = true;
                    break outer;
                }
                Map<String, AttributeValue> item = s.visible(stored);
                scanned++;
                bytes += Values.itemSize(item);
                last = stored;
                if (filter != null && !Evaluator.test(filter, item)) {
                    continue;
                }
                count++;
                if (!countOnly) {
                    out.add(projection == null ? item : Updater.project(item, projection));
                }
            }
        }
        // DynamoDB does not look ahead: a page that stops because it reached Limit carries a
        // LastEvaluatedKey even when nothing follows (the next page is then empty).
        boolean stoppedAtLimit = limit != null && scanned >= limit;
        return new Page(out, count, scanned, bytes, (more || stoppedAtLimit) && last != null ? s.keyOf(last) : null);
    }

    // ---- Scan ----

    public ScanResponse scan(ScanRequest r) {
        checkLimit(r.limit());
        Items.noMixing("ScanFilter", r.hasScanFilter(), "FilterExpression", r.filterExpression() != null);
        Items.noMixing("AttributesToGet", r.hasAttributesToGet(), "ProjectionExpression", r.projectionExpression() != null);
        Integer segment = r.segment();
        Integer total = r.totalSegments();
        if (segment != null && total == null) {
            throw DynamoErrors.validation("The TotalSegments parameter is required but was not present in the request when"
                    + " Segment parameter is present");
        }
        if (total != null && segment == null) {
            throw DynamoErrors.validation("The Segment parameter is required but was not present in the request when"
                    + " parameter TotalSegments is present");
        }
        if (total != null && (total < 1 || total > 1000000)) {
            throw DynamoErrors.constraint(total, "totalSegments", total < 1
                    ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 1000000");
        }
        if (segment != null && segment >= total) {
            throw DynamoErrors.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments:"
                    + " Segment: " + segment + " is not less than TotalSegments: " + total);
        }
        boolean anyExpression = r.filterExpression() != null || r.projectionExpression() != null;
        Items.checkExpressionParameters(anyExpression, r.expressionAttributeNames(), r.expressionAttributeValues(),
                r.hasExpressionAttributeNames(), r.hasExpressionAttributeValues());
        ExpressionAttributes attrs = new ExpressionAttributes(r.expressionAttributeNames(), r.expressionAttributeValues());
        Condition filter = r.filterExpression() != null ? Parser.condition("FilterExpression", r.filterExpression(), attrs)
                : Legacy.conditions(r.hasScanFilter() ? r.scanFilter() : null, r.conditionalOperatorAsString());
        List<Path> projection = Items.projection(r.projectionExpression(), r.hasAttributesToGet() ? r.attributesToGet() : null, attrs);
        attrs.checkAllUsed();
        String select = r.selectAsString();
        checkSelect(select, projection != null);
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        Source s = source(t, r.indexName(), r.consistentRead(), select);
        NavigableMap<KeyValue, NavigableMap<RowKey, Map<String, AttributeValue>>> partitions = s.data().all();
        KeyValue startPk = null;
        RowKey startRow = null;
        if (r.hasExclusiveStartKey()) {
            startRow = startRow(s, r.exclusiveStartKey());
            startPk = s.index() != null && s.key().multi() ? s.index().partitionOf(r.exclusiveStartKey())
                    : KeyValue.of(r.exclusiveStartKey().get(s.key().hash()));
            partitions = partitions.tailMap(startPk, true);
        }
        KeyValue firstPk = startPk;
        RowKey firstRow = startRow;
        java.util.Iterator<Map<RowKey, Map<String, AttributeValue>>> ranges = partitions.entrySet().stream()
                .filter(e -> segment == null || e.getKey().segmentHash() % total == segment)
                .map(e -> (Map<RowKey, Map<String, AttributeValue>>) (firstPk != null && e.getKey().equals(firstPk)
                        ? e.getValue().tailMap(firstRow, false) : e.getValue()))
                .iterator();
        Page page = read(s, ranges, r.limit(), filter, projection, "COUNT".equals(select));
        ScanResponse.Builder b = ScanResponse.builder().count(page.count()).scannedCount(page.scanned());
        if (!"COUNT".equals(select)) {
            b.items(page.items());
        }
        if (page.lastKey() != null) {
            b.lastEvaluatedKey(page.lastKey());
        }
        Items.setCapacity(b::consumedCapacity, Capacity.read(r.returnConsumedCapacityAsString(), t.name, page.bytes(),
                Boolean.TRUE.equals(r.consistentRead()), s.index() == null ? null : s.index().name,
                s.index() != null && s.index().global));
        return b.build();
    }

}
