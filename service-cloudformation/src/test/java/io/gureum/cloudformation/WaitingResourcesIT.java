package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.dynamodb.DynamoDbService;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Resources that wait for their service (a DynamoDB table until it is {@code ACTIVE}) hold none of the engine's
 * threads while they wait: a template with more waiting resources than the engine has workers starts them all at
 * once, and the resources that do not wait complete meanwhile. DynamoDB keeps tables {@code CREATING} and
 * {@code UPDATING} for an hour of the core clock ({@code gureum.dynamodb.statusDelaySeconds}), which only the test
 * moves that far.
 */
class WaitingResourcesIT {
    private static final int TABLES = CloudFormationInstance.WORKERS * 2;
    private static final String DELAY = "gureum.dynamodb.statusDelaySeconds";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new CloudFormationService(List.of(
            new CloudFormationTestSupport.ThingHandler())), new DynamoDbService()).build();
    static Gureum gureum;
    static CloudFormationClient cfn;
    static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        cfn = AwsClients.client(CloudFormationClient.builder(), gureum);
        ddb = AwsClients.client(DynamoDbClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        cfn.close();
        ddb.close();
    }

    @AfterEach
    void noDelay() {
        System.clearProperty(DELAY);
    }

    /** A template of {@link #TABLES} tables named {@code <prefix>-<i>} (each with {@code gsi} when given) and a Thing. */
    private static String template(String prefix, boolean gsi) {
        StringBuilder t = new StringBuilder("Resources:\n  Free:\n    Type: Gureum::Test::Thing\n");
        for (int i = 0; i < TABLES; i++) {
            t.append("  Table").append(i).append(":\n    Type: AWS::DynamoDB::Table\n    Properties:\n")
                    .append("      TableName: ").append(prefix).append("-").append(i).append('\n')
                    .append("      BillingMode: PAY_PER_REQUEST\n")
                    .append("      AttributeDefinitions:\n")
                    .append("        - {AttributeName: pk, AttributeType: S}\n")
                    .append(gsi ? "        - {AttributeName: sk, AttributeType: S}\n" : "")
                    .append("      KeySchema:\n        - {AttributeName: pk, KeyType: HASH}\n");
            if (gsi) {
                t.append("      GlobalSecondaryIndexes:\n")
                        .append("        - IndexName: bySk\n")
                        .append("          KeySchema:\n            - {AttributeName: sk, KeyType: HASH}\n")
                        .append("          Projection: {ProjectionType: ALL}\n");
            }
        }
        return t.toString();
    }

    private static Map<String, String> statuses(String stack) {
        return cfn.describeStackResources(b -> b.stackName(stack)).stackResources().stream().collect(
                Collectors.toMap(StackResource::logicalResourceId, StackResource::resourceStatusAsString));
    }

    private static Set<String> tables(String prefix) {
        Set<String> out = new TreeSet<>(ddb.listTables().tableNames());
        out.removeIf(n -> !n.startsWith(prefix + "-"));
        return out;
    }

    /** Polls (generously) until {@code reached} holds; fails with what was seen last. */
    private static void await(String what, java.util.function.Supplier<Object> seen,
            java.util.function.Predicate<Object> reached) {
        await(what, seen, reached, () -> "");
    }

    /** As above; a failure also shows {@code context} (the stack's events). */
    private static void await(String what, java.util.function.Supplier<Object> seen,
            java.util.function.Predicate<Object> reached, java.util.function.Supplier<Object> context) {
        Object last = null;
        for (int i = 0; i < 1200; i++) {
            last = seen.get();
            if (reached.test(last)) {
                return;
            }
            CloudFormationTestSupport.sleep(50);
        }
        fail(what + "; last seen: " + last + " " + context.get());
    }

    private static Stack settle(String stackId) {
        for (int i = 0; i < 6000; i++) {
            Stack s = cfn.describeStacks(b -> b.stackName(stackId)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            CloudFormationTestSupport.sleep(50);
        }
        return fail("stack " + stackId + " never settled");
    }

    @Test
    void moreWaitingTablesThanEngineWorkersAreCreatedAndUpdatedAtOnce() {
        System.setProperty(DELAY, "3600");
        String prefix = CloudFormationTestSupport.unique("waiting");
        String stack = cfn.createStack(b -> b.stackName(prefix).templateBody(template(prefix, false))).stackId();

        // Every table has been asked of DynamoDB while the first ones still wait: no worker is held by a wait.
        await("all " + TABLES + " CreateTable calls made while the tables are CREATING", () -> tables(prefix),
                seen -> ((Set<?>) seen).size() == TABLES);
        await("the resource that does not wait completes meanwhile", () -> statuses(stack),
                seen -> "CREATE_COMPLETE".equals(((Map<?, ?>) seen).get("Free")));
        Map<String, String> during = statuses(stack);
        for (int i = 0; i < TABLES; i++) {
            assertEquals("CREATE_IN_PROGRESS", during.get("Table" + i), during.toString());
            int n = i;
            assertEquals("CREATING", ddb.describeTable(b -> b.tableName(prefix + "-" + n)).table()
                    .tableStatusAsString());
        }
        assertEquals("CREATE_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0)
                .stackStatusAsString());

        gureum.context().clock().advance(Duration.ofSeconds(3601));
        Stack created = settle(stack);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        assertTrue(statuses(stack).values().stream().allMatch("CREATE_COMPLETE"::equals), statuses(stack).toString());

        // An update adding an index to every table: UpdateTable, then the wait for ACTIVE, for all of them at once.
        cfn.updateStack(b -> b.stackName(stack).templateBody(template(prefix, true)));
        await("all " + TABLES + " UpdateTable calls made while the tables are UPDATING", () -> tables(prefix).stream()
                .map(n -> ddb.describeTable(b -> b.tableName(n)).table()).filter(t -> t.hasGlobalSecondaryIndexes()
                        && !t.globalSecondaryIndexes().isEmpty()).count(),
                seen -> ((Long) seen) == TABLES);
        assertEquals("UPDATE_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0)
                .stackStatusAsString());
        gureum.context().clock().advance(Duration.ofSeconds(3601));
        Stack updated = settle(stack);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
        for (int i = 0; i < TABLES; i++) {
            int n = i;
            TableDescription t = ddb.describeTable(b -> b.tableName(prefix + "-" + n)).table();
            assertEquals("ACTIVE", t.tableStatusAsString());
            assertEquals("ACTIVE", t.globalSecondaryIndexes().get(0).indexStatusAsString());
        }

        cfn.deleteStack(b -> b.stackName(stack));
        assertEquals("DELETE_COMPLETE", settle(stack).stackStatusAsString());
        assertTrue(tables(prefix).isEmpty(), tables(prefix).toString());
    }

    @Test
    void aFailureAfterAWaitFailsTheResourceWithTheServicesMessageAndRollsBack() {
        String prefix = CloudFormationTestSupport.unique("failing");
        String stack = cfn.createStack(b -> b.stackName(prefix).templateBody(template(prefix, false))).stackId();
        assertEquals("CREATE_COMPLETE", settle(stack).stackStatusAsString());
        // The index names an attribute the definitions lack: DynamoDB refuses the UpdateTable that follows the
        // billing mode's change and its wait, and the update rolls back.
        String broken = template(prefix, false).replaceFirst("      BillingMode: PAY_PER_REQUEST\n",
                "      BillingMode: PROVISIONED\n      ProvisionedThroughput: {ReadCapacityUnits: 1,"
                        + " WriteCapacityUnits: 1}\n      GlobalSecondaryIndexes:\n        - IndexName: byNothing\n"
                        + "          KeySchema:\n            - {AttributeName: nothing, KeyType: HASH}\n"
                        + "          Projection: {ProjectionType: ALL}\n"
                        + "          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}\n");
        cfn.updateStack(b -> b.stackName(stack).templateBody(broken));
        Stack after = settle(stack);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", after.stackStatusAsString(), after.stackStatusReason());
        String reason = cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> "Table0".equals(e.logicalResourceId()) && "UPDATE_FAILED".equals(
                        e.resourceStatusAsString())).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.startsWith("Resource handler returned message: \""), reason);
        assertTrue(reason.contains("nothing"), reason);
        cfn.deleteStack(b -> b.stackName(stack));
        assertEquals("DELETE_COMPLETE", settle(stack).stackStatusAsString());
    }

    /**
     * An update rollback reverts its resources one at a time, each when the one before is done, holding no worker
     * while a revert waits: with as many stacks rolling back at once as the engine has workers, each waiting for
     * its table to be {@code ACTIVE} again, another stack is still created.
     */
    @Test
    void updateRollbacksThatWaitHoldNoWorker() {
        System.setProperty(DELAY, "3600");
        String prefix = CloudFormationTestSupport.unique("reverting");
        List<String> stacks = new java.util.ArrayList<>();
        for (int i = 0; i < CloudFormationInstance.WORKERS; i++) {
            String name = prefix + "-" + i;
            stacks.add(cfn.createStack(b -> b.stackName(name).templateBody(oneTable(name, false))).stackId());
        }
        await("every table CREATING", () -> tables(prefix).size(), seen -> (Integer) seen == stacks.size());
        gureum.context().clock().advance(Duration.ofSeconds(3601));
        stacks.forEach(s -> assertEquals("CREATE_COMPLETE", settle(s).stackStatusAsString()));

        // Each update raises its table's read capacity (a wait the clock ends), then DynamoDB refuses the next
        // table: the rollback lowers the capacity again and waits for ACTIVE.
        for (int i = 0; i < stacks.size(); i++) {
            String name = prefix + "-" + i;
            cfn.updateStack(b -> b.stackName(name).templateBody(oneTable(name, true)));
        }
        await("every table UPDATING to 2 read units", () -> capacities(prefix),
                seen -> ((Map<?, ?>) seen).values().stream().allMatch("2/UPDATING"::equals)
                        && ((Map<?, ?>) seen).size() == stacks.size());
        gureum.context().clock().advance(Duration.ofSeconds(3601));
        await("every rollback waiting for its table to be ACTIVE again", () -> capacities(prefix),
                seen -> ((Map<?, ?>) seen).values().stream().allMatch("1/UPDATING"::equals),
                () -> cfn.describeStackEvents(b -> b.stackName(stacks.get(0))).stackEvents().stream()
                        .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + " "
                                + e.resourceStatusReason()).toList());
        stacks.forEach(s -> assertEquals("UPDATE_ROLLBACK_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(s))
                .stacks().get(0).stackStatusAsString()));

        String other = cfn.createStack(b -> b.stackName(prefix + "-other")
                .templateBody("Resources:\n  Free:\n    Type: Gureum::Test::Thing\n")).stackId();
        await("another stack created while every rollback waits", () -> cfn.describeStacks(b -> b.stackName(other))
                .stacks().get(0).stackStatusAsString(), "CREATE_COMPLETE"::equals);

        gureum.context().clock().advance(Duration.ofSeconds(3601));
        for (String s : stacks) {
            Stack rolledBack = settle(s);
            assertEquals("UPDATE_ROLLBACK_COMPLETE", rolledBack.stackStatusAsString(), rolledBack.stackStatusReason());
        }
        assertTrue(capacities(prefix).values().stream().allMatch("1/ACTIVE"::equals),
                capacities(prefix).toString());
        for (String s : stacks) {
            cfn.deleteStack(b -> b.stackName(s));
            assertEquals("DELETE_COMPLETE", settle(s).stackStatusAsString());
        }
    }

    /**
     * One provisioned table named {@code name}; {@code broken}: with more read capacity, and a second table after it
     * whose index names an undefined attribute (DynamoDB refuses it, once the first table's update is done).
     */
    private static String oneTable(String name, boolean broken) {
        String keys = "      AttributeDefinitions:\n        - {AttributeName: pk, AttributeType: S}\n"
                + "      KeySchema:\n        - {AttributeName: pk, KeyType: HASH}\n";
        String table = "Resources:\n  Table0:\n    Type: AWS::DynamoDB::Table\n    Properties:\n"
                + "      TableName: " + name + "\n      BillingMode: PROVISIONED\n"
                + "      ProvisionedThroughput: {ReadCapacityUnits: " + (broken ? 2 : 1) + ", WriteCapacityUnits: 1}\n"
                + keys;
        return !broken ? table : table + "  Broken:\n    Type: AWS::DynamoDB::Table\n    DependsOn: Table0\n"
                + "    Properties:\n      TableName: x" + name + "\n      BillingMode: PAY_PER_REQUEST\n"
                + "      GlobalSecondaryIndexes:\n        - IndexName: byNothing\n"
                + "          KeySchema:\n            - {AttributeName: nothing, KeyType: HASH}\n"
                + "          Projection: {ProjectionType: ALL}\n" + keys;
    }

    /** Each table of the prefix: {@code <read capacity>/<status>}. */
    private static Map<String, String> capacities(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String n : tables(prefix)) {
            TableDescription t = ddb.describeTable(b -> b.tableName(n)).table();
            out.put(n, t.provisionedThroughput().readCapacityUnits() + "/" + t.tableStatusAsString());
        }
        return out;
    }
}
