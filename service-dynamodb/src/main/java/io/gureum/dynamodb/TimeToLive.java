package io.gureum.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * Time to Live: items whose TTL attribute holds a Number of epoch seconds earlier than the core clock
 * are deleted after the clock moves, with a REMOVE stream record whose userIdentity is the DynamoDB
 * service (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html). Items whose
 * attribute is not a Number, or more than five years in the past, are never expired, as in AWS.
 * UpdateTimeToLive and DescribeTimeToLive set and show a table's TTL attribute.
 */
final class TimeToLive {
    private static final long FIVE_YEARS = 5L * 365 * 24 * 3600;

    private final DynamoDbState state;
    private final Tables tables;

    TimeToLive(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest r) {
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        TimeToLiveSpecification s = r.timeToLiveSpecification();
        boolean enable = Boolean.TRUE.equals(s.enabled());
        if (enable && t.ttlEnabled) {
            throw DynamoErrors.validation("TimeToLive is already enabled");
        }
        if (!enable && !t.ttlEnabled) {
            throw DynamoErrors.validation("TimeToLive is already disabled");
        }
        if (!enable && !s.attributeName().equals(t.ttlAttribute)) {
            throw DynamoErrors.validation("TimeToLive attribute name does not match: " + s.attributeName());
        }
        t.ttlEnabled = enable;
        t.ttlAttribute = s.attributeName();
        return UpdateTimeToLiveResponse.builder().timeToLiveSpecification(s).build();
    }

    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest r) {
        Database db = state.database();
        Table t = db.tables.get(r.tableName());
        if (t == null) {
            throw DynamoErrors.notFound();
        }
        TimeToLiveDescription.Builder d = TimeToLiveDescription.builder()
                .timeToLiveStatus(t.ttlEnabled ? TimeToLiveStatus.ENABLED : TimeToLiveStatus.DISABLED);
        if (t.ttlEnabled) {
            d.attributeName(t.ttlAttribute);
        }
        return DescribeTimeToLiveResponse.builder().timeToLiveDescription(d.build()).build();
    }

    /** Deletes the expired items of every table of {@code db}; runs after the clock moves, outside any request. */
    static void expire(DynamoDbState state, Database db) {
        Instant now = state.context.clock().now();
        db.write(() -> {
            for (Table t : db.tables.values()) {
                if (!t.ttlEnabled || t.ttlAttribute == null) {
                    continue;
                }
                List<Map<String, AttributeValue>> due = new ArrayList<>();
                t.data.all().values().forEach(p -> p.values().forEach(item -> {
                    if (expired(item.get(t.ttlAttribute), now)) {
                        due.add(item);
                    }
                }));
                for (Map<String, AttributeValue> item : due) {
                    Map<String, AttributeValue> old = t.delete(t.keyOf(item));
                    Items.changed(state, db, t, old, null, true);
                }
            }
            return null;
        });
    }

    static boolean expired(AttributeValue v, Instant now) {
        if (v == null || v.n() == null) {
            return false;
        }
        long at;
        try {
            at = new BigDecimal(v.n()).longValue();
        } catch (ArithmeticException e) {
            return false;
        }
        long s = now.getEpochSecond();
        return at < s && at > s - FIVE_YEARS;
    }
}
