package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.persist.DurableState;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * A transaction is all-or-nothing across a crash too: TransactWriteItems and PartiQL ExecuteTransaction journal their
 * item changes (with the stream records they make) as one journal frame. A server with a data directory runs
 * both kinds of transaction (and an ordinary restart finds them); then the journal is cut at every byte of each transaction's frame, as a crash mid-write
 * leaves it, and DynamoDB restored from the cut (as a start restores it) must show the items before the transaction,
 * never part of it; the whole frame restores all of it.
 */
class DynamoTornTransactionTest {
    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;
    private int copies;

    @Test
    void aTransactionCutAnywhereRestoresNoneOfItAndWholeRestoresAll() throws Exception {
        Path journal = dataDir.resolve("state").resolve("journal-000000000000.log");
        List<Long> ends = new ArrayList<>();
        List<Map<String, String>> states = new ArrayList<>();
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).services("dynamodb").build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            ddb.createTable(CreateTableRequest.builder().tableName("tbl").billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()).build());
            ddb.putItem(PutItemRequest.builder().tableName("tbl").item(Map.of("pk", s("x"), "v", s("0"))).build());
            ddb.putItem(PutItemRequest.builder().tableName("tbl").item(Map.of("pk", s("gone"), "v", s("0"))).build());
            // An answer goes out once its records are written: the journal's size now ends at the operation's last.
            ends.add(Files.size(journal));
            states.add(scan(ddb));
            ddb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(t -> t.tableName("tbl").item(Map.of("pk", s("a"), "v",
                            s("written by a transaction long enough to cut in many places")))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName("tbl").key(Map.of("pk", s("x")))
                            .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("1")))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName("tbl").key(Map.of("pk", s("gone")))).build(),
                    TransactWriteItem.builder().put(t -> t.tableName("tbl").item(Map.of("pk", s("b"), "v", s("b"))))
                            .build()).build());
            ends.add(Files.size(journal));
            states.add(scan(ddb));
            ddb.executeTransaction(ExecuteTransactionRequest.builder().transactStatements(
                    ParameterizedStatement.builder().statement("INSERT INTO tbl VALUE {'pk': 'c', 'v': 'c'}").build(),
                    ParameterizedStatement.builder().statement("UPDATE tbl SET v = '2' WHERE pk = 'x'").build(),
                    ParameterizedStatement.builder().statement("DELETE FROM tbl WHERE pk = 'a'").build()).build());
            ends.add(Files.size(journal));
            states.add(scan(ddb));
        }
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).services("dynamodb").build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            assertEquals(states.get(2), scan(ddb), "both transactions survive an ordinary restart");
        }
        assertEquals(Map.of("x", "1", "a", "written by a transaction long enough to cut in many places", "b", "b"),
                states.get(1));
        assertEquals(Map.of("x", "2", "b", "b", "c", "c"), states.get(2));
        byte[] bytes = Files.readAllBytes(journal);
        List<Long> frames = frameStarts(journal);
        for (int k = 1; k < ends.size(); k++) {
            long from = ends.get(k - 1);
            long to = ends.get(k);
            // Every byte of the frame's header, its last byte, and every 61st byte between (a restore per cut).
            for (long cut = from; cut <= to; cut += cut < from + 9 || cut >= to - 1 ? 1 : Math.min(61, to - 1 - cut)) {
                Map<String, String> seen = restore(bytes, cut);
                assertEquals(cut == to ? states.get(k) : states.get(k - 1), seen,
                        "transaction " + k + " cut at byte " + cut + " of " + from + ".." + to);
            }
            assertEquals(1, frames.stream().filter(f -> f >= from && f < to).count(),
                    "transaction " + k + " is one journal frame");
        }
    }

    /** The items DynamoDB restores from a copy of the data directory whose journal ends at {@code cut}. */
    private Map<String, String> restore(byte[] journal, long cut) throws Exception {
        Path copy = Files.createDirectories(scratch.resolve("cut-" + (++copies)));
        Files.copy(dataDir.resolve("FORMAT"), copy.resolve("FORMAT"));
        Files.createDirectories(copy.resolve("state"));
        Files.write(copy.resolve("state").resolve("journal-000000000000.log"), java.util.Arrays.copyOf(journal, (int) cut));
        try (DurableState state = DurableState.open(copy)) {
            List<StateRecord> records = state.takeRestored().getOrDefault("dynamodb", List.of());
            ServiceInstance dynamodb = new DynamoDbService().create(context());
            try {
                dynamodb.restore(records);
                return new Providers(dynamodb).scan();
            } finally {
                dynamodb.close();
            }
        }
    }

    /** pk → v of every item of table tbl. */
    private static Map<String, String> scan(DynamoDbClient ddb) {
        Map<String, String> out = new TreeMap<>();
        ddb.scan(ScanRequest.builder().tableName("tbl").build()).items()
                .forEach(i -> out.put(i.get("pk").s(), i.get("v").s()));
        return out;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static final class Providers {
        final Queries queries;
        final RequestContext ctx = new RequestContext("r", ACCOUNT, "us-east-1", "test", "dynamodb", null);

        Providers(ServiceInstance dynamodb) {
            queries = provider(dynamodb, Queries.class);
        }

        /** pk → v of every item of table tbl. */
        Map<String, String> scan() throws Exception {
            Map<String, String> out = new TreeMap<>();
            ctx.call(() -> queries.scan(ScanRequest.builder().tableName("tbl").build())).items()
                    .forEach(i -> out.put(i.get("pk").s(), i.get("v").s()));
            return out;
        }
    }

    private static <T> T provider(ServiceInstance instance, Class<T> type) {
        return instance.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static ServiceContext context() {
        return new ServiceContext(GureumConfig.builder().build(), new GureumClock(), new ResourceIds(),
                new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(ACCOUNT));
    }

    /** Where each record of a journal file starts ({@code [int length][int CRC32C][payload]} frames). */
    private static List<Long> frameStarts(Path journal) throws IOException {
        List<Long> out = new ArrayList<>();
        long size = Files.size(journal);
        try (DataInputStream in = new DataInputStream(Files.newInputStream(journal))) {
            long position = 0;
            while (position < size) {
                out.add(position);
                int length = in.readInt();
                in.readInt();
                in.skipNBytes(length);
                position += 8 + length;
            }
        }
        assertTrue(!out.isEmpty());
        return out;
    }
}
