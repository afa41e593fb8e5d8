package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetScheduledQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** AWS::Logs::ScheduledQuery deployed by CreateStack, changed in place and replaced by UpdateStack, deleted. */
class LogsScheduledQueryTypeIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              QueryName: {Type: String}
              Schedule: {Type: String}
              Team: {Type: String}
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
                        Principal: {Service: logs.amazonaws.com}
                        Action: sts:AssumeRole
              Query:
                Type: AWS::Logs::ScheduledQuery
                Properties:
                  Name: !Ref QueryName
                  QueryLanguage: CWLI
                  QueryString: fields @message | limit 5
                  LogGroupIdentifiers: [!Ref Group]
                  ScheduleExpression: !Ref Schedule
                  ExecutionRoleArn: !GetAtt Role.Arn
                  StartTimeOffset: 3600
                  Tags: [{Key: team, Value: !Ref Team}]
            Outputs:
              QueryRef: {Value: !Ref Query}
              QueryArn: {Value: !GetAtt Query.ScheduledQueryArn}
              Created: {Value: !GetAtt Query.CreationTime}
            """;

    private static List<Parameter> parameters(String name, String schedule, String team) {
        return List.of(p("QueryName", name), p("Schedule", schedule), p("Team", team));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    @Test
    void scheduledQueryIsCreatedUpdatedReplacedAndDeleted() {
        String name = unique("scheduled");
        try (CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters(name + "-q", "rate(1 day)", "a")));
            Stack created = settled(name, "CREATE_COMPLETE");
            String arn = output(created, "QueryRef");
            assertEquals(arn, output(created, "QueryArn"));
            assertTrue(arn.endsWith(":scheduled-query:" + name + "-q"), arn);
            GetScheduledQueryResponse q = logs.getScheduledQuery(b -> b.identifier(arn));
            assertEquals(String.valueOf(q.creationTime()), output(created, "Created"));
            assertEquals("rate(1 day)", q.scheduleExpression());
            assertEquals(3600L, q.startTimeOffset());
            assertEquals("a", logs.listTagsForResource(b -> b.resourceArn(arn)).tags().get("team"));

            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters(name + "-q", "rate(2 days)", "b")));
            Stack inPlace = settled(name, "UPDATE_COMPLETE");
            assertEquals(arn, output(inPlace, "QueryRef"));
            assertEquals("rate(2 days)", logs.getScheduledQuery(b -> b.identifier(arn)).scheduleExpression());
            assertEquals("b", logs.listTagsForResource(b -> b.resourceArn(arn)).tags().get("team"));

            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters(name + "-r", "rate(2 days)", "b")));
            Stack replaced = settled(name, "UPDATE_COMPLETE");
            String arn2 = output(replaced, "QueryRef");
            assertNotEquals(arn, arn2);
            assertThrows(ResourceNotFoundException.class, () -> logs.getScheduledQuery(b -> b.identifier(arn)));

            cfn.deleteStack(b -> b.stackName(name));
            settled(replaced.stackId(), "DELETE_COMPLETE");
            assertThrows(ResourceNotFoundException.class, () -> logs.getScheduledQuery(b -> b.identifier(arn2)));
        }
    }
}
