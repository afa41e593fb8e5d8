package io.gureum.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Time to Live: items whose TTL attribute holds a Number of epoch seconds earlier than the core clock
 * are deleted after the clock moves, with a REMOVE stream record whose userIdentity is the DynamoDB
 * service (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html). Items whose
 * attribute is not a Number, or more than five years in the past, are never expired, as in AWS.
 */
final class TimeToLive {
    private static final long FIVE_YEARS = 5L * 365 * 24 * 3600;

    private TimeToLive() {
    }

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
