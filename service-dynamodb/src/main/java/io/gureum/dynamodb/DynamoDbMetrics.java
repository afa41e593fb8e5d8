package io.gureum.dynamodb;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.GureumClock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The metrics DynamoDB publishes in {@code AWS/DynamoDB}
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html), measured
 * around each data-plane call: {@code ConsumedReadCapacityUnits} and {@code ConsumedWriteCapacityUnits}
 * ({@code TableName}, plus {@code GlobalSecondaryIndexName} for a global index), {@code
 * SuccessfulRequestLatency} and {@code ReturnedItemCount} ({@code TableName}, {@code Operation}), and
 * {@code UserErrors} (no dimension: the account and region; not a failed condition, which is
 * {@code ConditionalCheckFailedRequests} under {@code TableName}). Gureum does not throttle, so no throttle
 * metric is published. With nobody listening the call runs untouched.
 */
final class DynamoDbMetrics implements OperationInterceptor {
    static final String NAMESPACE = "AWS/DynamoDB";
    /** The operations whose latency AWS reports per table. */
    private static final Set<String> DATA_PLANE = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems", "ExecuteStatement",
            "BatchExecuteStatement", "ExecuteTransaction");
    private static final Set<String> RETURNING_ITEMS = Set.of("Query", "Scan", "ExecuteStatement");
    /** 400s AWS counts separately, not as UserErrors. */
    private static final Set<String> NOT_USER_ERRORS = Set.of("ConditionalCheckFailedException",
            "TransactionCanceledException", "TransactionConflictException");

    private final EventBus events;
    private final GureumClock clock;

    DynamoDbMetrics(ServiceContext context) {
        this.events = context.events();
        this.clock = context.clock();
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        if (!events.hasSubscribers(ServiceMetric.class)) {
            return call.proceed();
        }
        RequestContext ctx = RequestContext.current();
        if (!DATA_PLANE.contains(call.operation())) {
            // Control-plane calls (ListTables, DescribeTable …) consume no capacity (only the data-plane
            // operations compute it) and report no latency: only their errors count, so nothing is
            // recorded or looked up on the way.
            try {
                return call.proceed();
            } catch (AwsServiceException e) {
                throw userError(ctx, call, e);
            } catch (AwsException e) {
                userError(ctx, call, e.status(), e.code());
                throw e;
            }
        }
        List<Capacity.Consumed> consumed = Capacity.recording();
        long started = System.nanoTime();
        Object response;
        try {
            response = call.proceed();
        } catch (AwsServiceException e) {
            throw userError(ctx, call, e);
        } catch (AwsException e) {
            userError(ctx, call, e.status(), e.code());
            throw e;
        } finally {
            Capacity.stopRecording();
        }
        double millis = (System.nanoTime() - started) / 1e6;
        Instant now = clock.now();
        Set<String> tables = new LinkedHashSet<>();
        String table = field(call.request(), "TableName");
        if (table != null) {
            tables.add(table);
        }
        for (Capacity.Consumed c : consumed) {
            tables.add(c.table());
            Map<String, String> dims = c.globalIndex() == null ? Map.of("TableName", c.table())
                    : Map.of("TableName", c.table(), "GlobalSecondaryIndexName", c.globalIndex());
            if (c.read() > 0) {
                publish(ctx, "ConsumedReadCapacityUnits", dims, c.read(), now);
            }
            if (c.write() > 0) {
                publish(ctx, "ConsumedWriteCapacityUnits", dims, c.write(), now);
            }
        }
        for (String t : tables) {
            events.publish(new ServiceMetric(ctx.accountId(), ctx.region(), NAMESPACE, "SuccessfulRequestLatency",
                    Map.of("TableName", t, "Operation", call.operation()), millis, "Milliseconds", now));
        }
        if (table != null && RETURNING_ITEMS.contains(call.operation()) && response instanceof SdkResponse r) {
            Integer count = r.getValueForField("Count", Integer.class).orElse(null);
            if (count == null) {
                count = r.getValueForField("Items", List.class).map(List::size).orElse(0);
            }
            events.publish(new ServiceMetric(ctx.accountId(), ctx.region(), NAMESPACE, "ReturnedItemCount",
                    Map.of("TableName", table, "Operation", call.operation()), count, "Count", now));
        }
        return response;
    }

    /** As below for a modeled exception; returns it, to be rethrown as it came. */
    private AwsServiceException userError(RequestContext ctx, OperationCall call, AwsServiceException e) {
        // Providers may build a modeled exception with a message only; core completes it on the way out.
        AwsServiceException c = ModeledErrors.complete(e, DynamoDbClient.class);
        userError(ctx, call, c.statusCode(), c.awsErrorDetails() == null ? null : c.awsErrorDetails().errorCode());
        return e;
    }

    /** {@code UserErrors}, or {@code ConditionalCheckFailedRequests} ({@code TableName}) for a failed condition. */
    private void userError(RequestContext ctx, OperationCall call, int status, String code) {
        String table = field(call.request(), "TableName");
        if ("ConditionalCheckFailedException".equals(code) && table != null) {
            events.publish(new ServiceMetric(ctx.accountId(), ctx.region(), NAMESPACE, "ConditionalCheckFailedRequests",
                    Map.of("TableName", table), 1, "Count", clock.now()));
        } else if (status == 400 && !NOT_USER_ERRORS.contains(code)) {
            events.publish(new ServiceMetric(ctx.accountId(), ctx.region(), NAMESPACE, "UserErrors", Map.of(), 1,
                    "Count", clock.now()));
        }
    }

    private void publish(RequestContext ctx, String name, Map<String, String> dims, double value, Instant now) {
        events.publish(new ServiceMetric(ctx.accountId(), ctx.region(), NAMESPACE, name, dims, value, "Count", now));
    }

    private static String field(Object request, String name) {
        if (request instanceof SdkRequest r && request instanceof SdkPojo) {
            return r.getValueForField(name, String.class).orElse(null);
        }
        return null;
    }
}
