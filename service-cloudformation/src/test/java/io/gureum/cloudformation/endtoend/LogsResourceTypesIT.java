package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.PolicyType;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryDefinition;
import software.amazon.awssdk.services.cloudwatchlogs.model.SubscriptionFilter;

/**
 * AWS::Logs::SubscriptionFilter, Destination, ResourcePolicy, QueryDefinition and AccountPolicy deployed by
 * CreateStack, read back through CloudWatch Logs.
 */
class LogsResourceTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              FilterName: {Type: String}
              Pattern: {Type: String}
              Sid: {Type: String}
              QueryText: {Type: String}
            Resources:
              Group:
                Type: AWS::Logs::LogGroup
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: [lambda.amazonaws.com, logs.amazonaws.com]}
                        Action: sts:AssumeRole
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: !GetAtt Role.Arn
                  Code:
                    ZipFile: |
                      def handler(event, context):
                          return 'ok'
              FromLogs:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !GetAtt Fn.Arn
                  Action: lambda:InvokeFunction
                  Principal: logs.amazonaws.com
              Subscription:
                Type: AWS::Logs::SubscriptionFilter
                DependsOn: FromLogs
                Properties:
                  FilterName: !Ref FilterName
                  LogGroupName: !Ref Group
                  FilterPattern: !Ref Pattern
                  DestinationArn: !GetAtt Fn.Arn
              Destination:
                Type: AWS::Logs::Destination
                Properties:
                  DestinationName: !Sub '${AWS::StackName}-dest'
                  TargetArn: arn:aws:kinesis:us-east-1:000000000000:stream/central
                  RoleArn: !GetAtt Role.Arn
                  DestinationPolicy: !Sub '{"Version":"2012-10-17","Statement":[{"Sid":"${Sid}","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"logs:PutSubscriptionFilter","Resource":"*"}]}'
              Policy:
                Type: AWS::Logs::ResourcePolicy
                Properties:
                  PolicyName: !Sub '${AWS::StackName}-policy'
                  PolicyDocument: !Sub '{"Version":"2012-10-17","Statement":[{"Sid":"${Sid}","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"*"}]}'
              Query:
                Type: AWS::Logs::QueryDefinition
                Properties:
                  Name: !Sub '${AWS::StackName}/errors'
                  QueryString: !Ref QueryText
                  LogGroupNames: [!Ref Group]
              Account:
                Type: AWS::Logs::AccountPolicy
                Properties:
                  PolicyName: !Sub '${AWS::StackName}-account'
                  PolicyType: SUBSCRIPTION_FILTER_POLICY
                  PolicyDocument: !Sub '{"DestinationArn":"${Fn.Arn}","FilterPattern":"${Sid}"}'
                  SelectionCriteria: LogGroupName NOT IN ["nothing"]
            Outputs:
              Group: {Value: !Ref Group}
              SubscriptionRef: {Value: !Ref Subscription}
              DestinationRef: {Value: !Ref Destination}
              DestinationArn: {Value: !GetAtt Destination.Arn}
              PolicyRef: {Value: !Ref Policy}
              QueryRef: {Value: !Ref Query}
              QueryId: {Value: !GetAtt Query.QueryDefinitionId}
              AccountRef: {Value: !Ref Account}
              AccountId: {Value: !GetAtt Account.AccountId}
            """;

    private static List<Parameter> parameters(String filter, String pattern, String sid, String query) {
        return List.of(p("FilterName", filter), p("Pattern", pattern), p("Sid", sid), p("QueryText", query));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    @Test
    void logsTypesAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("logs-types");
        try (CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters("errors", "ERROR", "First", "fields @message | limit 5")));
            Stack created = settle(name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            String group = output(created, "Group");

            assertEquals("errors", output(created, "SubscriptionRef"));
            SubscriptionFilter filter = logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters()
                    .get(0);
            assertEquals("errors", filter.filterName());
            assertEquals("ERROR", filter.filterPattern());
            assertTrue(filter.destinationArn().contains(":function:"), filter.destinationArn());

            String destination = name + "-dest";
            assertEquals(destination, output(created, "DestinationRef"));
            assertEquals("arn:aws:logs:us-east-1:000000000000:destination:" + destination,
                    output(created, "DestinationArn"));
            var d = logs.describeDestinations(b -> b.destinationNamePrefix(destination)).destinations().get(0);
            assertTrue(d.accessPolicy().contains("\"First\""), d.accessPolicy());
            assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/central", d.targetArn());

            assertEquals(name + "-policy", output(created, "PolicyRef"));
            assertTrue(policy(logs, name + "-policy").contains("\"First\""));

            String queryId = output(created, "QueryRef");
            assertEquals(queryId, output(created, "QueryId"));
            QueryDefinition q = query(logs, queryId);
            assertEquals(name + "/errors", q.name());
            assertEquals("fields @message | limit 5", q.queryString());
            assertEquals(List.of(group), q.logGroupNames());

            assertEquals("000000000000|SUBSCRIPTION_FILTER_POLICY|" + name + "-account", output(created, "AccountRef"));
            assertEquals("000000000000", output(created, "AccountId"));
            assertTrue(accountPolicy(logs, name + "-account").contains("First"));

            // In place: the filter's pattern, both policies' documents, the destination's policy and the query.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters("errors", "WARN", "Second", "fields @timestamp | limit 1")));
            Stack inPlace = settle(name);
            assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
            assertEquals("WARN", logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters()
                    .get(0).filterPattern());
            assertTrue(logs.describeDestinations(b -> b.destinationNamePrefix(destination)).destinations().get(0)
                    .accessPolicy().contains("\"Second\""));
            assertTrue(policy(logs, name + "-policy").contains("\"Second\""));
            assertEquals(queryId, output(inPlace, "QueryRef"), "the query definition is kept");
            assertEquals("fields @timestamp | limit 1", query(logs, queryId).queryString());
            assertTrue(accountPolicy(logs, name + "-account").contains("Second"));

            // Replacement: FilterName.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters("warnings", "WARN", "Second", "fields @timestamp | limit 1")));
            Stack replaced = settle(name);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            assertEquals("warnings", output(replaced, "SubscriptionRef"));
            assertEquals(List.of("warnings"), logs.describeSubscriptionFilters(b -> b.logGroupName(group))
                    .subscriptionFilters().stream().map(SubscriptionFilter::filterName).toList());

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            assertTrue(logs.describeDestinations(b -> b.destinationNamePrefix(destination)).destinations().isEmpty());
            assertEquals("", policy(logs, name + "-policy"));
            assertTrue(logs.describeQueryDefinitions(b -> b.queryDefinitionNamePrefix(name)).queryDefinitions()
                    .isEmpty());
            assertEquals("", accountPolicy(logs, name + "-account"));
        }
    }

    @Test
    void aFilterOnAMissingGroupFailsWithLogsReason() {
        String name = unique("logs-fail");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Subscription:
                    Type: AWS::Logs::SubscriptionFilter
                    Properties:
                      LogGroupName: /no/such/group
                      FilterPattern: ''
                      DestinationArn: arn:aws:lambda:us-east-1:000000000000:function:nothing
                """)).stackId();
        assertEquals("ROLLBACK_COMPLETE", settle(id).stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Subscription") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("The specified log group does not exist"), reason);
        assertNotEquals("", reason);
    }

    private static String policy(CloudWatchLogsClient logs, String name) {
        return logs.describeResourcePolicies(b -> { }).resourcePolicies().stream()
                .filter(x -> x.policyName().equals(name)).map(x -> x.policyDocument()).findFirst().orElse("");
    }

    private static QueryDefinition query(CloudWatchLogsClient logs, String id) {
        return logs.describeQueryDefinitions(b -> { }).queryDefinitions().stream()
                .filter(x -> x.queryDefinitionId().equals(id)).findFirst().orElseThrow();
    }

    private static String accountPolicy(CloudWatchLogsClient logs, String name) {
        return logs.describeAccountPolicies(b -> b.policyType(PolicyType.SUBSCRIPTION_FILTER_POLICY))
                .accountPolicies().stream().filter(x -> x.policyName().equals(name)).map(x -> x.policyDocument())
                .findFirst().orElse("");
    }
}
