package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Which lock of the caller's database each operation holds while its provider runs. */
class TableLocksTest {
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts("000000000000"));
    final DynamoDbState state = DynamoDbState.fresh(context);
    final TableLocks locks = new TableLocks(state);
    final RequestContext caller = new RequestContext("r", "000000000000", "eu-west-1", null, "dynamodb", null);

    /** "read", "write" or "none": what the provider, called inside the interceptor, holds. */
    String heldDuring(String operation, Object request) throws Exception {
        Database db = state.database("000000000000", "eu-west-1");
        String held = caller.call(() -> (String) locks.intercept(new OperationCall() {
            @Override
            public String operation() {
                return operation;
            }

            @Override
            public Object request() {
                return request;
            }

            @Override
            public Object proceed() {
                return db.lock.isWriteLockedByCurrentThread() ? "write" : db.lock.getReadHoldCount() == 1 ? "read" : "none";
            }
        }));
        assertFalse(db.lock.isWriteLocked());
        assertEquals(0, db.lock.getReadLockCount());
        return held;
    }

    @Test
    void readsShareTheLockAndWritesHoldItAlone() throws Exception {
        assertEquals("read", heldDuring("GetItem", GetItemRequest.builder().build()));
        assertEquals("write", heldDuring("PutItem", PutItemRequest.builder().build()));
        assertEquals("write", heldDuring("DescribeTable", null));
        assertEquals("none", heldDuring("DescribeEndpoints", null));
    }

    @Test
    void partiQlSelectsReadAndOtherStatementsWrite() throws Exception {
        assertEquals("read", heldDuring("ExecuteStatement",
                ExecuteStatementRequest.builder().statement("  select * FROM \"t\"").build()));
        assertEquals("write", heldDuring("ExecuteStatement",
                ExecuteStatementRequest.builder().statement("DELETE FROM \"t\" WHERE pk = 'a'").build()));
        assertTrue(TableLocks.isSelect("SELECT a FROM t"));
        assertFalse(TableLocks.isSelect(null));
    }

    @Test
    void theLockIsReleasedWhenTheOperationFails() {
        Database db = state.database("000000000000", "eu-west-1");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> caller.call(() -> locks.intercept(new OperationCall() {
                    @Override
                    public String operation() {
                        return "PutItem";
                    }

                    @Override
                    public Object request() {
                        return null;
                    }

                    @Override
                    public Object proceed() {
                        throw new IllegalStateException("boom");
                    }
                })));
        assertEquals("boom", e.getMessage());
        assertFalse(db.lock.isWriteLocked());
    }
}
