package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsCli;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The scenario, typed as a user would with the real AWS CLI. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class DynamoDbCliIT extends DynamoDbTestSupport {

    private static AwsCli.Result ok(AwsCli cli, String... args) throws Exception {
        AwsCli.Result r = cli.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.stderr());
        return r;
    }

    @Test
    void tableWithGsiExpressionsConditionTransactionAndTtl() throws Exception {
        AwsCli cli = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String t = unique("cli");
        ok(cli, "dynamodb", "create-table", "--table-name", t,
                "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=S",
                "AttributeName=status,AttributeType=S",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST",
                "--global-secondary-indexes",
                "[{\"IndexName\":\"byStatus\",\"KeySchema\":[{\"AttributeName\":\"status\",\"KeyType\":\"HASH\"}],"
                        + "\"Projection\":{\"ProjectionType\":\"ALL\"}}]");
        ok(cli, "dynamodb", "wait", "table-exists", "--table-name", t);
        ok(cli, "dynamodb", "update-time-to-live", "--table-name", t,
                "--time-to-live-specification", "Enabled=true,AttributeName=expires");
        long soon = Instant.now().getEpochSecond() + 600;
        ok(cli, "dynamodb", "put-item", "--table-name", t, "--item",
                "{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"order#1\"},\"status\":{\"S\":\"open\"},\"total\":{\"N\":\"30\"}}");
        ok(cli, "dynamodb", "put-item", "--table-name", t, "--item",
                "{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"order#2\"},\"status\":{\"S\":\"shipped\"},\"total\":{\"N\":\"70\"},"
                        + "\"expires\":{\"N\":\"" + soon + "\"}}");
        AwsCli.Result get = ok(cli, "dynamodb", "get-item", "--table-name", t, "--key",
                "{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"order#1\"}}", "--projection-expression", "#t",
                "--expression-attribute-names", "{\"#t\":\"total\"}");
        assertTrue(get.stdout().contains("\"30\""), get.stdout());
        AwsCli.Result query = ok(cli, "dynamodb", "query", "--table-name", t,
                "--key-condition-expression", "pk = :u AND begins_with(sk, :o)",
                "--filter-expression", "#t > :min", "--expression-attribute-names", "{\"#t\":\"total\"}",
                "--expression-attribute-values", "{\":u\":{\"S\":\"user#1\"},\":o\":{\"S\":\"order#\"},\":min\":{\"N\":\"50\"}}");
        assertTrue(query.stdout().contains("\"Count\": 1") && query.stdout().contains("order#2"), query.stdout());
        AwsCli.Result gsi = ok(cli, "dynamodb", "query", "--table-name", t, "--index-name", "byStatus",
                "--key-condition-expression", "#s = :s", "--expression-attribute-names", "{\"#s\":\"status\"}",
                "--expression-attribute-values", "{\":s\":{\"S\":\"open\"}}");
        assertTrue(gsi.stdout().contains("order#1"), gsi.stdout());
        AwsCli.Result scan = ok(cli, "dynamodb", "scan", "--table-name", t, "--select", "COUNT");
        assertTrue(scan.stdout().contains("\"Count\": 2"), scan.stdout());
        // members AWS leaves out must not travel as JSON null (the CLI itself adds "ConsumedCapacity": null to scans)
        AwsCli.Result described = ok(cli, "dynamodb", "describe-table", "--table-name", t);
        assertTrue(!described.stdout().contains("null") && described.stdout().contains("\"ACTIVE\""), described.stdout());

        AwsCli.Result failed = cli.run("dynamodb", "put-item", "--table-name", t, "--item",
                "{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"order#1\"}}", "--condition-expression", "attribute_not_exists(pk)");
        assertNotEquals(0, failed.exitCode());
        assertTrue(failed.stderr().contains("ConditionalCheckFailedException"), failed.stderr());
        assertTrue(failed.stderr().contains("The conditional request failed"), failed.stderr());

        ok(cli, "dynamodb", "transact-write-items", "--transact-items",
                "[{\"Update\":{\"TableName\":\"" + t + "\",\"Key\":{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"order#1\"}},"
                        + "\"UpdateExpression\":\"SET #s = :c\",\"ExpressionAttributeNames\":{\"#s\":\"status\"},"
                        + "\"ExpressionAttributeValues\":{\":c\":{\"S\":\"closed\"}}}},"
                        + "{\"Put\":{\"TableName\":\"" + t + "\",\"Item\":{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"audit#1\"}},"
                        + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}}]");
        AwsCli.Result canceled = cli.run("dynamodb", "transact-write-items", "--transact-items",
                "[{\"Put\":{\"TableName\":\"" + t + "\",\"Item\":{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"audit#1\"}},"
                        + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}}]");
        assertTrue(canceled.stderr().contains("TransactionCanceledException"), canceled.stderr());

        java.net.http.HttpResponse<String> advanced = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(gureum.endpoint() + "/_gureum/clock"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": 3600}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, advanced.statusCode());
        AwsCli.Result after = ok(cli, "dynamodb", "get-item", "--table-name", t, "--key",
                "{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"S\":\"order#2\"}}");
        assertEquals("", after.stdout().trim());
        AwsCli.Result remaining = ok(cli, "dynamodb", "scan", "--table-name", t, "--select", "COUNT");
        assertTrue(remaining.stdout().contains("\"Count\": 2"), remaining.stdout());
    }
}
