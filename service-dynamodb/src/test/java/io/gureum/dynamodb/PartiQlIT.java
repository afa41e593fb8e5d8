package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class PartiQlIT extends DynamoDbTestSupport {

    private static ExecuteStatementResponse run(String statement, AttributeValue... params) {
        return ddb.executeStatement(b -> {
            b.statement(statement);
            if (params.length > 0) {
                b.parameters(params);
            }
        });
    }

    @Test
    void insertSelectUpdateDelete() {
        String t = table(null, null);
        run("INSERT INTO \"" + t + "\" VALUE {'pk': ?, 'n': 1, 'tags': ['a', 'b']}", s("k1"));
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'k2', 'n': 2}");
        DuplicateItemException dup = assertThrows(DuplicateItemException.class,
                () -> run("INSERT INTO \"" + t + "\" VALUE {'pk': 'k2'}"));
        assertEquals(400, dup.statusCode());
        assertEquals("Duplicate primary key exists in table", dup.awsErrorDetails().errorMessage());
        assertEquals(1, run("SELECT * FROM \"" + t + "\" WHERE pk = ?", s("k1")).items().size());
        assertEquals(2, run("SELECT pk FROM \"" + t + "\"").items().size());
        run("UPDATE \"" + t + "\" SET n = 5 WHERE pk = 'k1'");
        assertEquals(Map.of("n", n("5")), run("SELECT n FROM \"" + t + "\" WHERE pk = 'k1'").items().get(0));
        assertEquals(1, run("SELECT * FROM \"" + t + "\" WHERE n > 2").items().size());
        run("DELETE FROM \"" + t + "\" WHERE pk = 'k1'");
        assertFalse(ddb.getItem(b -> b.tableName(t).key(key("k1"))).hasItem());
    }

    @Test
    void whereWithOrInNestedPathsFunctionsAndMissing() {
        String t = table(null, null);
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'info': {'city': 'Seoul', 'tags': ['x', 'y']}, 'n': 3}");
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'b', 'info': {'city': 'Busan'}, 'n': 7, 'gone': NULL}");
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'c', 'n': 10, 'colors': <<'red', 'blue'>>}");
        assertEquals(List.of("a"), pks(run("SELECT pk FROM \"" + t + "\" WHERE info.city = 'Seoul'")));
        assertEquals(List.of("a", "c"), pks(run("SELECT pk FROM \"" + t + "\" WHERE n = 3 OR n >= 10")));
        assertEquals(List.of("a", "b"), pks(run("SELECT pk FROM \"" + t + "\" WHERE pk IN ['a', 'b']")));
        assertEquals(List.of("b"), pks(run("SELECT pk FROM \"" + t + "\" WHERE n BETWEEN 4 AND 9")));
        assertEquals(List.of("c"), pks(run("SELECT pk FROM \"" + t + "\" WHERE info IS MISSING")));
        assertEquals(List.of("b"), pks(run("SELECT pk FROM \"" + t + "\" WHERE gone IS NULL")));
        assertEquals(List.of("a"), pks(run("SELECT pk FROM \"" + t + "\" WHERE begins_with(info.city, 'Se')")));
        assertEquals(List.of("c"), pks(run("SELECT pk FROM \"" + t + "\" WHERE contains(colors, 'red')")));
        assertEquals(List.of("a"), pks(run("SELECT pk FROM \"" + t + "\" WHERE info.tags[1] = 'y'")));
        assertEquals(List.of("b", "c"), pks(run("SELECT pk FROM \"" + t + "\" WHERE NOT (n < 5)")));
        assertEquals(Map.of("info", AttributeValue.builder().m(Map.of("city", s("Seoul"))).build()),
                run("SELECT info.city FROM \"" + t + "\" WHERE pk = 'a'").items().get(0));
    }

    @Test
    void updateSetArithmeticSetsRemoveAndReturning() {
        String t = table(null, null);
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'n': 1, 'l': [1], 'ss': <<'x'>>, 'old': 'o'}");
        ExecuteStatementResponse r = run("UPDATE \"" + t + "\" SET n = n + 2 SET l = list_append(l, [2])"
                + " SET ss = set_add(ss, <<'y'>>) REMOVE old WHERE pk = 'a' RETURNING ALL NEW *");
        Map<String, AttributeValue> item = r.items().get(0);
        assertEquals(n("3"), item.get("n"));
        assertEquals(2, item.get("l").l().size());
        assertEquals(List.of("x", "y"), item.get("ss").ss().stream().sorted().toList());
        assertNull(item.get("old"));
        Map<String, AttributeValue> modifiedOld = run("UPDATE \"" + t + "\" SET n = 9 WHERE pk = 'a' RETURNING MODIFIED OLD *")
                .items().get(0);
        assertEquals(Map.of("n", n("3")), modifiedOld);
        Map<String, AttributeValue> deleted = run("DELETE FROM \"" + t + "\" WHERE pk = 'a' RETURNING ALL OLD *").items().get(0);
        assertEquals(n("9"), deleted.get("n"));
    }

    @Test
    void conditionsOnWritesAndReturnValuesOnConditionCheckFailure() {
        String t = table(null, null);
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'n': 1}");
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.executeStatement(b -> b.statement("UPDATE \"" + t + "\" SET n = 2 WHERE pk = 'a' AND n = 5")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals(400, e.statusCode());
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
        assertEquals(n("1"), e.item().get("n"));
        // UPDATE of an item that does not exist fails; DELETE of one succeeds with nothing deleted.
        assertThrows(ConditionalCheckFailedException.class, () -> run("UPDATE \"" + t + "\" SET n = 2 WHERE pk = 'zz'"));
        run("DELETE FROM \"" + t + "\" WHERE pk = 'zz'");
        assertThrows(ConditionalCheckFailedException.class, () -> run("DELETE FROM \"" + t + "\" WHERE pk = 'a' AND n = 2"));
        assertEquals(1, run("SELECT * FROM \"" + t + "\" WHERE pk = 'a'").items().size());
    }

    @Test
    void validationErrors() {
        String t = table(null, null);
        assertValidation("Where clause does not contain a mandatory equality on all key attributes",
                () -> run("UPDATE \"" + t + "\" SET n = 2 WHERE n = 1"));
        assertValidation("Number of parameters in request and statement don't match.",
                () -> run("SELECT * FROM \"" + t + "\" WHERE pk = ?"));
        assertValidation("Number of parameters in request and statement don't match.",
                () -> run("SELECT * FROM \"" + t + "\"", s("extra")));
        assertValidation("Unsupported operation: Inserting multiple items in a single statement is not supported, use"
                + " \"INSERT INTO tableName VALUE item\" instead", () -> run("INSERT INTO \"" + t + "\" VALUES {'pk': 'a'}"));
        assertValidation("Statement wasn't well formed, can't be processed: Unexpected token: WHERE",
                () -> run("SELECT * FROM \"" + t + "\" WHERE WHERE"));
        assertValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of"
                + " the key", () -> run("UPDATE \"" + t + "\" SET pk = 'b' WHERE pk = 'a'"));
        ResourceNotFoundException nf = assertThrows(ResourceNotFoundException.class, () -> run("SELECT * FROM \"nope-nope\""));
        assertEquals(400, nf.statusCode());
    }

    @Test
    void limitAndNextTokenPageThroughEveryItem() {
        String t = table("sk", ScalarAttributeType.N);
        for (int i = 0; i < 7; i++) {
            run("INSERT INTO \"" + t + "\" VALUE {'pk': 'p', 'sk': ?, 'odd': ?}", n(String.valueOf(i)),
                    AttributeValue.builder().bool(i % 2 == 1).build());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String tk = token;
            ExecuteStatementResponse r = ddb.executeStatement(b -> b.statement("SELECT * FROM \"" + t + "\" WHERE pk = 'p'"
                    + " ORDER BY sk DESC").limit(3).nextToken(tk));
            r.items().forEach(i -> seen.add(i.get("sk").n()));
            token = r.nextToken();
            if (token != null) {
                assertNotNull(r.lastEvaluatedKey().get("sk"));
            }
            pages++;
        } while (token != null);
        assertEquals(List.of("6", "5", "4", "3", "2", "1", "0"), seen);
        assertEquals(3, pages);
        // Limit counts items evaluated, before WHERE filters them.
        ExecuteStatementResponse first = ddb.executeStatement(b -> b.statement("SELECT * FROM \"" + t + "\" WHERE odd = true")
                .limit(2));
        assertEquals(1, first.items().size());
        assertNotNull(first.nextToken());
    }

    @Test
    void batchExecuteStatementReportsPerStatement() {
        String t = table(null, null);
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'n': 1}");
        List<BatchStatementResponse> writes = ddb.batchExecuteStatement(b -> b.statements(
                s -> s.statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'b'}"),
                s -> s.statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'a'}"),
                s -> s.statement("UPDATE \"" + t + "\" SET n = 3 WHERE pk = 'a' AND n = 2")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD),
                s -> s.statement("DELETE FROM \"missing-table\" WHERE pk = 'a'"))).responses();
        assertNull(writes.get(0).error());
        assertEquals(t, writes.get(0).tableName());
        assertEquals(BatchStatementErrorCodeEnum.DUPLICATE_ITEM, writes.get(1).error().code());
        assertEquals(BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED, writes.get(2).error().code());
        assertEquals(n("1"), writes.get(2).error().item().get("n"));
        assertEquals(BatchStatementErrorCodeEnum.RESOURCE_NOT_FOUND, writes.get(3).error().code());

        List<BatchStatementResponse> reads = ddb.batchExecuteStatement(b -> b.statements(
                s -> s.statement("SELECT * FROM \"" + t + "\" WHERE pk = ?").parameters(s("a")),
                s -> s.statement("SELECT * FROM \"" + t + "\" WHERE pk = 'nothing'"),
                s -> s.statement("SELECT * FROM \"" + t + "\" WHERE n = 1"))).responses();
        assertEquals(n("1"), reads.get(0).item().get("n"));
        assertFalse(reads.get(1).hasItem());
        assertNull(reads.get(1).error());
        assertEquals(BatchStatementErrorCodeEnum.VALIDATION_ERROR, reads.get(2).error().code());

        software.amazon.awssdk.awscore.exception.AwsServiceException mixed = assertThrows(
                software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                () -> ddb.batchExecuteStatement(b -> b.statements(
                        s -> s.statement("SELECT * FROM \"" + t + "\" WHERE pk = 'a'"),
                        s -> s.statement("DELETE FROM \"" + t + "\" WHERE pk = 'a'"))));
        assertEquals("ValidationException", mixed.awsErrorDetails().errorCode());
    }

    @Test
    void executeTransactionIsAllOrNothing() {
        String t = table(null, null);
        run("INSERT INTO \"" + t + "\" VALUE {'pk': 'a', 'n': 1}");
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.executeTransaction(b -> b.transactStatements(
                        s -> s.statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'new'}"),
                        s -> s.statement("EXISTS(SELECT * FROM \"" + t + "\" WHERE pk = 'a' AND n = 2)"))));
        assertEquals(400, e.statusCode());
        assertEquals("None", e.cancellationReasons().get(0).code());
        assertEquals("ConditionalCheckFailed", e.cancellationReasons().get(1).code());
        assertTrue(e.awsErrorDetails().errorMessage().endsWith("[None, ConditionalCheckFailed]"));
        assertTrue(run("SELECT * FROM \"" + t + "\" WHERE pk = 'new'").items().isEmpty());

        ddb.executeTransaction(b -> b.clientRequestToken("tok-1").transactStatements(
                s -> s.statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'new'}"),
                s -> s.statement("UPDATE \"" + t + "\" SET n = 2 WHERE pk = 'a'")));
        // The same token and statements within ten minutes answer again without applying them twice.
        ddb.executeTransaction(b -> b.clientRequestToken("tok-1").transactStatements(
                s -> s.statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'new'}"),
                s -> s.statement("UPDATE \"" + t + "\" SET n = 2 WHERE pk = 'a'")));
        assertEquals(n("2"), ddb.executeTransaction(b -> b.transactStatements(
                s -> s.statement("SELECT n FROM \"" + t + "\" WHERE pk = 'a'"),
                s -> s.statement("SELECT * FROM \"" + t + "\" WHERE pk = 'new'"))).responses().get(0).item().get("n"));
        assertValidation("Transaction request cannot include multiple operations on one item",
                () -> ddb.executeTransaction(b -> b.transactStatements(
                        s -> s.statement("UPDATE \"" + t + "\" SET n = 3 WHERE pk = 'a'"),
                        s -> s.statement("DELETE FROM \"" + t + "\" WHERE pk = 'a'"))));
    }

    private static List<String> pks(ExecuteStatementResponse r) {
        return r.items().stream().map(i -> i.get("pk").s()).sorted().toList();
    }
}
