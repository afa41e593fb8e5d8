package io.gureum.dynamodb;

import io.gureum.core.error.AwsException;
import io.gureum.dynamodb.partiql.Statement;
import io.gureum.dynamodb.partiql.StatementParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: PartiQL statements parsed by
 * {@link StatementParser}, reads by {@link PartiQlSelect}, writes by {@link PartiQlWrite}
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html).
 */
final class PartiQl {
    private record Idempotent(int fingerprint, Instant at, ExecuteTransactionResponse response) {
    }

    private final DynamoDbState state;
    private final Tables tables;
    private final Map<String, Idempotent> tokens = new ConcurrentHashMap<>();

    PartiQl(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    public ExecuteStatementResponse executeStatement(ExecuteStatementRequest r) {
        Statement s = StatementParser.parse(r.statement(), r.hasParameters() ? r.parameters() : null);
        Database db = state.database();
        Table t = tables.require(db, s.table());
        String mode = r.returnConsumedCapacityAsString();
        ExecuteStatementResponse.Builder b = ExecuteStatementResponse.builder();
        if (s instanceof Statement.Select sel) {
            if (r.limit() != null && r.limit() < 1) {
                throw DynamoErrors.constraint(r.limit(), "limit", "Member must have value greater than or equal to 1");
            }
            boolean consistent = Boolean.TRUE.equals(r.consistentRead());
            PartiQlSelect.Page page = PartiQlSelect.run(t, sel, r.limit(), r.nextToken(), consistent);
            b.items(page.items());
            if (page.nextToken() != null) {
                b.nextToken(page.nextToken()).lastEvaluatedKey(page.lastKey());
            }
            Items.setCapacity(b::consumedCapacity, Capacity.read(mode, t.name, page.bytes(), consistent, sel.index(),
                    sel.index() != null && t.indexes.get(sel.index()).global));
            return b.build();
        }
        if (s instanceof Statement.Exists) {
            throw Statement.syntax("Unexpected token: EXISTS");
        }
        PartiQlWrite w = PartiQlWrite.prepare(t, s);
        if (w.failure != null) {
            throw w.exception("ALL_OLD".equals(r.returnValuesOnConditionCheckFailureAsString()));
        }
        w.apply(state, db);
        Map<String, AttributeValue> returned = w.returned();
        b.items(returned == null ? List.of() : List.of(returned));
        Items.setCapacity(b::consumedCapacity, Capacity.write(mode, t.name, w.bytes()));
        return b.build();
    }

    public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest r) {
        Database db = state.database();
        List<Statement> parsed = new ArrayList<>();
        List<BatchStatementResponse> out = new ArrayList<>();
        int reads = 0;
        for (BatchStatementRequest q : r.statements()) {
            Statement s = null;
            try {
                s = StatementParser.parse(q.statement(), q.hasParameters() ? q.parameters() : null);
                reads += s instanceof Statement.Select ? 1 : 0;
            } catch (AwsException e) {
                // a statement that does not parse fails alone, reported in its own response
            }
            parsed.add(s);
        }
        // "The entire batch must consist of either read statements or write statements"
        // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.batching.html).
        if (reads > 0 && parsed.stream().anyMatch(s -> s != null && !(s instanceof Statement.Select))) {
            throw DynamoErrors.validation("Supported operations in a single batch statement request are either all"
                    + " reads or all writes");
        }
        for (int i = 0; i < parsed.size(); i++) {
            BatchStatementRequest q = r.statements().get(i);
            Statement s = parsed.get(i);
            try {
                if (s == null) {
                    StatementParser.parse(q.statement(), q.hasParameters() ? q.parameters() : null); // throws again
                }
                out.add(batchOne(db, s, "ALL_OLD".equals(q.returnValuesOnConditionCheckFailureAsString())));
            } catch (ConditionalCheckFailedException e) {
                out.add(error(s, BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED, message(e), e.item()));
            } catch (DuplicateItemException e) {
                out.add(error(s, BatchStatementErrorCodeEnum.DUPLICATE_ITEM, message(e), null));
            } catch (ResourceNotFoundException e) {
                out.add(error(s, BatchStatementErrorCodeEnum.RESOURCE_NOT_FOUND, message(e), null));
            } catch (AwsException e) {
                out.add(error(s, BatchStatementErrorCodeEnum.VALIDATION_ERROR, e.getMessage(), null));
            }
        }
        return BatchExecuteStatementResponse.builder().responses(out).build();
    }

    private BatchStatementResponse batchOne(Database db, Statement s, boolean returnOld) {
        Table t = tables.require(db, s.table());
        BatchStatementResponse.Builder b = BatchStatementResponse.builder().tableName(t.name);
        if (s instanceof Statement.Select sel) {
            Map<String, AttributeValue> item = keyLookup(t, sel);
            if (item != null) {
                b.item(sel.projection() == null ? item : io.gureum.dynamodb.expression.Updater.project(item, sel.projection()));
            }
            return b.build();
        }
        if (s instanceof Statement.Exists) {
            throw Statement.syntax("Unexpected token: EXISTS");
        }
        PartiQlWrite w = PartiQlWrite.prepare(t, s);
        if (w.failure != null) {
            throw w.exception(returnOld);
        }
        w.apply(state, db);
        return b.build();
    }

    /** A batch or transaction read: a GetItem by the full primary key WHERE pins, filtered by the rest of it. */
    private static Map<String, AttributeValue> keyLookup(Table t, Statement.Select sel) {
        if (sel.index() != null) {
            throw DynamoErrors.validation("Where clause does not contain a mandatory equality on all key attributes");
        }
        Map<String, AttributeValue> key = PartiQlWrite.requireKey(t, sel.where());
        Map<String, AttributeValue> item = t.get(key);
        return item != null && io.gureum.dynamodb.expression.Evaluator.test(sel.where(), item) ? item : null;
    }

    private static String message(software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    private static BatchStatementResponse error(Statement s, BatchStatementErrorCodeEnum code, String message,
            Map<String, AttributeValue> item) {
        BatchStatementError.Builder e = BatchStatementError.builder().code(code).message(message);
        if (item != null && !item.isEmpty()) {
            e.item(item);
        }
        BatchStatementResponse.Builder b = BatchStatementResponse.builder().error(e.build());
        if (s != null) {
            b.tableName(s.table());
        }
        return b.build();
    }

    public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest r) {
        Instant now = state.context.clock().now();
        String token = r.clientRequestToken();
        int fingerprint = r.toBuilder().clientRequestToken(null).build().hashCode();
        if (token != null) {
            Idempotent seen = tokens.get(token);
            if (seen != null && seen.at().plus(Transactions.TOKEN_LIFETIME).isAfter(now)) {
                if (seen.fingerprint() != fingerprint) {
                    throw IdempotentParameterMismatchException.builder()
                            .message("The provided ClientRequestToken is already in use with different parameters").build();
                }
                return seen.response();
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (ParameterizedStatement p : r.transactStatements()) {
            statements.add(StatementParser.parse(p.statement(), p.hasParameters() ? p.parameters() : null));
        }
        long reads = statements.stream().filter(s -> s instanceof Statement.Select).count();
        if (reads > 0 && reads < statements.size()) {
            throw DynamoErrors.validation("Transaction must contain either all reads or all writes");
        }
        Database db = state.database();
        ExecuteTransactionResponse response = reads > 0 ? readTransaction(db, statements) : writeTransaction(db, statements, r);
        if (token != null) {
            tokens.put(token, new Idempotent(fingerprint, now, response));
        }
        return response;
    }

    private ExecuteTransactionResponse readTransaction(Database db, List<Statement> statements) {
        List<ItemResponse> responses = new ArrayList<>();
        for (Statement s : statements) {
            Table t = tables.require(db, s.table());
            Statement.Select sel = (Statement.Select) s;
            Map<String, AttributeValue> item = keyLookup(t, sel);
            ItemResponse.Builder b = ItemResponse.builder();
            if (item != null) {
                b.item(sel.projection() == null ? item : io.gureum.dynamodb.expression.Updater.project(item, sel.projection()));
            }
            responses.add(b.build());
        }
        return ExecuteTransactionResponse.builder().responses(responses).build();
    }

    /** Every statement checked first, then all applied or none, as TransactWriteItems. */
    private ExecuteTransactionResponse writeTransaction(Database db, List<Statement> statements, ExecuteTransactionRequest r) {
        List<PartiQlWrite> writes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Statement s : statements) {
            Table t = tables.require(db, s.table());
            PartiQlWrite w = PartiQlWrite.prepare(t, s);
            if (!seen.add(t.name + "\u0000" + w.key)) {
                throw DynamoErrors.validation("Transaction request cannot include multiple operations on one item");
            }
            writes.add(w);
        }
        if (writes.stream().anyMatch(w -> w.failure != null)) {
            List<CancellationReason> reasons = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                PartiQlWrite w = writes.get(i);
                if (w.failure == null) {
                    reasons.add(CancellationReason.builder().code("None").build());
                } else {
                    CancellationReason.Builder cr = CancellationReason.builder().code(w.failure.code)
                            .message(w.failure == PartiQlWrite.Failure.DUPLICATE_ITEM ? "Duplicate primary key exists in table"
                                    : DynamoErrors.CONDITION_FAILED);
                    if ("ALL_OLD".equals(r.transactStatements().get(i).returnValuesOnConditionCheckFailureAsString())
                            && w.old != null) {
                        cr.item(w.old);
                    }
                    reasons.add(cr.build());
                }
            }
            throw TransactionCanceledException.builder()
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons "
                            + reasons.stream().map(CancellationReason::code).toList())
                    .cancellationReasons(reasons).build();
        }
        List<ConsumedCapacity> capacity = new ArrayList<>();
        // One journal frame for the whole transaction: a crash restores all of it or none.
        state.context.state().atomically(() -> {
            for (PartiQlWrite w : writes) {
                w.apply(state, db);
                ConsumedCapacity c = Capacity.of(r.returnConsumedCapacityAsString(), w.table.name,
                        2 * Capacity.writeUnits(w.bytes()), 0, 2 * Capacity.writeUnits(w.bytes()), null, false);
                if (c != null) {
                    capacity.add(c);
                }
            }
        });
        ExecuteTransactionResponse.Builder b = ExecuteTransactionResponse.builder();
        if (!capacity.isEmpty()) {
            b.consumedCapacity(capacity);
        }
        return b.build();
    }
}
