package io.gureum.dynamodb;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;

/**
 * Holds the lock of the caller's {@link Database} (account and region) around every DynamoDB operation:
 * reads share it, everything else holds it alone, so no reader sees half of a write, batch or
 * transaction. DescribeTable counts as a write: it settles a table's CREATING or UPDATING status.
 */
final class TableLocks implements OperationInterceptor {
    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems",
            "ListTables", "ListTagsOfResource", "DescribeTimeToLive", "SearchVectors");
    /** Operations that change items only, whose records {@link Table} writes itself. */
    private static final Set<String> ITEM_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");
    /** Operations that touch no table, or take the lock of each region they touch themselves (global tables). */
    private static final Set<String> NO_TABLES = Set.of("DescribeLimits", "DescribeEndpoints", "CreateGlobalTable",
            "UpdateGlobalTable", "DescribeGlobalTable", "ListGlobalTables", "DescribeGlobalTableSettings",
            "UpdateGlobalTableSettings", "UpdateTableReplicaAutoScaling");

    private final DynamoDbState state;

    TableLocks(DynamoDbState state) {
        this.state = state;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        if (NO_TABLES.contains(call.operation())) {
            return call.proceed();
        }
        Database db = state.database();
        boolean reads = reads(call);
        Lock lock = reads ? db.lock.readLock() : db.lock.writeLock();
        lock.lock();
        try {
            Object result = call.proceed();
            if (!reads && !ITEM_WRITES.contains(call.operation())) {
                state.records.syncTables(db); // a table's settings may have changed (--data-dir)
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    private static boolean reads(OperationCall call) {
        if (call.request() instanceof ExecuteStatementRequest r) {
            return isSelect(r.statement());
        }
        return READS.contains(call.operation());
    }

    /** Whether a PartiQL statement only reads (ExecuteStatement runs SELECT, INSERT, UPDATE and DELETE). */
    static boolean isSelect(String statement) {
        return statement != null && statement.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT");
    }
}
