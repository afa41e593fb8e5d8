package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * AWS::DynamoDB::GlobalTable (replicas in other regions through UpdateTable ReplicaUpdates) and
 * AWS::KMS::ReplicaKey (a stack in another region replicating a multi-Region key) deployed by CreateStack.
 */
class ReplicatedResourceTypesIT extends EndToEndSupport {
    private static final String GLOBAL_TABLE = """
            Parameters:
              TableName: {Type: String}
              Team: {Type: String}
            Resources:
              Orders:
                Type: AWS::DynamoDB::GlobalTable
                Properties:
                  TableName: !Ref TableName
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: pk, AttributeType: S}
                  KeySchema:
                    - {AttributeName: pk, KeyType: HASH}
                  StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
                  %s
                  Replicas:
                    - Region: us-east-1
                      Tags: [{Key: team, Value: !Ref Team}]
                    - Region: %s
            Outputs:
              Ref: {Value: !Ref Orders}
              Arn: {Value: !GetAtt Orders.Arn}
              StreamArn: {Value: !GetAtt Orders.StreamArn}
              TableId: {Value: !GetAtt Orders.TableId}
            """;

    private static String globalTable(String ttl, String secondRegion) {
        return GLOBAL_TABLE.formatted(ttl, secondRegion);
    }

    private static List<Parameter> parameters(String table, String team) {
        return List.of(p("TableName", table), p("Team", team));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static DynamoDbClient dynamo(String region) {
        return AwsClients.client(DynamoDbClient.builder(), gureum.endpoint(), "test", region);
    }

    private static boolean exists(DynamoDbClient ddb, String table) {
        try {
            ddb.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    @Test
    void aGlobalTableHasReplicasInOtherRegionsThatFollowItsUpdatesAndDelete() {
        String name = unique("global");
        String table = unique("orders");
        try (DynamoDbClient east = dynamo("us-east-1"); DynamoDbClient west = dynamo("us-west-2");
                DynamoDbClient ireland = dynamo("eu-west-1")) {
            cfn.createStack(b -> b.stackName(name).templateBody(globalTable("", "us-west-2"))
                    .parameters(parameters(table, "red")));
            Stack created = settle(name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            TableDescription t = east.describeTable(b -> b.tableName(table)).table();
            assertEquals(table, output(created, "Ref"));
            assertEquals(t.tableArn(), output(created, "Arn"));
            assertEquals(t.latestStreamArn(), output(created, "StreamArn"));
            assertEquals(t.tableId(), output(created, "TableId"));
            assertEquals("arn:aws:dynamodb:us-west-2:000000000000:table/" + table,
                    west.describeTable(b -> b.tableName(table)).table().tableArn());
            east.putItem(b -> b.tableName(table).item(Map.of("pk", av("a"))));
            Map<String, String> eastTags = tags(east, t.tableArn());
            assertEquals("red", eastTags.get("team"));
            assertEquals("Orders", eastTags.get("aws:cloudformation:logical-id"));
            String westArn = west.describeTable(b -> b.tableName(table)).table().tableArn();
            assertEquals(name, tags(west, westArn).get("aws:cloudformation:stack-name"));

            // In place: a replica moves from us-west-2 to eu-west-1, tags and TTL change.
            cfn.updateStack(b -> b.stackName(name).templateBody(globalTable(
                    "TimeToLiveSpecification: {AttributeName: expires, Enabled: true}", "eu-west-1"))
                    .parameters(parameters(table, "blue")));
            Stack inPlace = settle(name);
            assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
            assertEquals(t.tableId(), output(inPlace, "TableId"), "the table is kept");
            assertTrue(exists(ireland, table));
            assertTrue(!exists(west, table), "the us-west-2 replica is removed");
            assertEquals("blue", tags(east, t.tableArn()).get("team"));
            assertEquals("ENABLED", east.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription()
                    .timeToLiveStatusAsString());
            assertEquals(1, ireland.scan(b -> b.tableName(table)).count(), "the replica has the table's items");

            // Replacement: TableName.
            String table2 = unique("orders");
            cfn.updateStack(b -> b.stackName(name).templateBody(globalTable(
                    "TimeToLiveSpecification: {AttributeName: expires, Enabled: true}", "eu-west-1"))
                    .parameters(parameters(table2, "blue")));
            Stack replaced = settle(name);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            assertEquals(table2, output(replaced, "Ref"));
            assertNotEquals(t.tableId(), output(replaced, "TableId"));
            assertTrue(exists(east, table2) && exists(ireland, table2));
            assertTrue(!exists(east, table) && !exists(ireland, table), "the old table and its replica are gone");

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            assertTrue(!exists(east, table2) && !exists(ireland, table2));
        }
    }

    @Test
    void aGlobalTableWithoutTheStacksRegionFailsWithAClearReason() {
        String name = unique("global-fail");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(globalTable("", "us-west-2")
                .replace("Region: us-east-1", "Region: eu-west-1")).parameters(parameters(unique("t"), "x")))
                .stackId();
        assertEquals("ROLLBACK_COMPLETE", settle(id).stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Orders") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("You must specify a replica in the region where the stack is deployed"), reason);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }

    private static Map<String, String> tags(DynamoDbClient ddb, String arn) {
        return ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static final String PRIMARIES = """
            Resources:
              First:
                Type: AWS::KMS::Key
                Properties: {MultiRegion: true, Description: first}
              Second:
                Type: AWS::KMS::Key
                Properties: {MultiRegion: true, Description: second}
            Outputs:
              First: {Value: !GetAtt First.Arn}
              Second: {Value: !GetAtt Second.Arn}
            """;

    private static final String REPLICA = """
            Parameters:
              Primary: {Type: String}
              Description: {Type: String}
            Resources:
              Replica:
                Type: AWS::KMS::ReplicaKey
                Properties:
                  PrimaryKeyArn: !Ref Primary
                  Description: !Ref Description
                  PendingWindowInDays: 7
                  Tags: [{Key: team, Value: red}]
                  KeyPolicy:
                    Version: '2012-10-17'
                    Statement:
                      - Sid: Root
                        Effect: Allow
                        Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}
                        Action: 'kms:*'
                        Resource: '*'
            Outputs:
              Ref: {Value: !Ref Replica}
              Arn: {Value: !GetAtt Replica.Arn}
              KeyId: {Value: !GetAtt Replica.KeyId}
            """;

    @Test
    void aReplicaKeyStackInAnotherRegionReplicatesAPrimaryKey() {
        String primaries = unique("primaries");
        cfn.createStack(b -> b.stackName(primaries).templateBody(PRIMARIES));
        Stack keys = settle(primaries);
        assertEquals("CREATE_COMPLETE", keys.stackStatusAsString(), keys.stackStatusReason());
        String first = output(keys, "First");
        String second = output(keys, "Second");
        String name = unique("replica");
        try (CloudFormationClient westCfn = AwsClients.client(CloudFormationClient.builder(), gureum.endpoint(),
                "test", "us-west-2");
                KmsClient westKms = AwsClients.client(KmsClient.builder(), gureum.endpoint(), "test", "us-west-2")) {
            westCfn.createStack(b -> b.stackName(name).templateBody(REPLICA)
                    .parameters(p("Primary", first), p("Description", "copy")));
            Stack created = settle(westCfn, name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            String keyId = first.substring(first.lastIndexOf('/') + 1);
            assertEquals(keyId, output(created, "Ref"));
            assertEquals(keyId, output(created, "KeyId"));
            assertEquals(first.replace(":us-east-1:", ":us-west-2:"), output(created, "Arn"));
            KeyMetadata k = westKms.describeKey(b -> b.keyId(keyId)).keyMetadata();
            assertEquals("copy", k.description());
            assertEquals("REPLICA", k.multiRegionConfiguration().multiRegionKeyTypeAsString());
            Map<String, String> tags = westKms.listResourceTags(b -> b.keyId(keyId)).tags().stream().collect(
                    Collectors.toMap(t -> t.tagKey(), t -> t.tagValue()));
            assertEquals("red", tags.get("team"));
            assertEquals("Replica", tags.get("aws:cloudformation:logical-id"));

            // In place: the description.
            westCfn.updateStack(b -> b.stackName(name).templateBody(REPLICA)
                    .parameters(p("Primary", first), p("Description", "renamed copy")));
            Stack inPlace = settle(westCfn, name);
            assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
            assertEquals("renamed copy", westKms.describeKey(b -> b.keyId(keyId)).keyMetadata().description());

            // Replacement: PrimaryKeyArn; the old replica is scheduled for deletion.
            westCfn.updateStack(b -> b.stackName(name).templateBody(REPLICA)
                    .parameters(p("Primary", second), p("Description", "renamed copy")));
            Stack replaced = settle(westCfn, name);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            String secondId = second.substring(second.lastIndexOf('/') + 1);
            assertEquals(secondId, output(replaced, "Ref"));
            assertEquals("PendingDeletion", westKms.describeKey(b -> b.keyId(keyId)).keyMetadata().keyStateAsString());

            westCfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(westCfn, replaced.stackId()).stackStatusAsString());
            assertEquals("PendingDeletion", westKms.describeKey(b -> b.keyId(secondId)).keyMetadata()
                    .keyStateAsString());
        }
        cfn.deleteStack(b -> b.stackName(primaries));
        assertEquals("DELETE_COMPLETE", settle(keys.stackId()).stackStatusAsString());
    }

    private static Stack settle(CloudFormationClient client, String stack) {
        for (int i = 0; i < 6000; i++) {
            Stack s = client.describeStacks(b -> b.stackName(stack)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            advance();
        }
        throw new AssertionError("stack " + stack + " never settled");
    }

}
