package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Tag;

/** AWS::Scheduler::ScheduleGroup and AWS::Scheduler::Schedule deployed by CreateStack, read back through Scheduler. */
class SchedulerResourceTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              ScheduleName: {Type: String}
              Expression: {Type: String}
              Team: {Type: String}
            Resources:
              Inbox:
                Type: AWS::SQS::Queue
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: scheduler.amazonaws.com}
                        Action: sts:AssumeRole
              Group:
                Type: AWS::Scheduler::ScheduleGroup
                Properties:
                  Tags:
                    - {Key: team, Value: !Ref Team}
              Nightly:
                Type: AWS::Scheduler::Schedule
                Properties:
                  Name: !Ref ScheduleName
                  GroupName: !Ref Group
                  Description: nightly job
                  ScheduleExpression: !Ref Expression
                  ScheduleExpressionTimezone: Europe/Paris
                  State: ENABLED
                  FlexibleTimeWindow:
                    Mode: FLEXIBLE
                    MaximumWindowInMinutes: 15
                  Target:
                    Arn: !GetAtt Inbox.Arn
                    RoleArn: !GetAtt Role.Arn
                    Input: '{"job":"nightly"}'
                    RetryPolicy:
                      MaximumRetryAttempts: 3
            Outputs:
              GroupRef: {Value: !Ref Group}
              GroupArn: {Value: !GetAtt Group.Arn}
              GroupState: {Value: !GetAtt Group.State}
              GroupCreated: {Value: !GetAtt Group.CreationDate}
              GroupModified: {Value: !GetAtt Group.LastModificationDate}
              ScheduleRef: {Value: !Ref Nightly}
              ScheduleArn: {Value: !GetAtt Nightly.Arn}
            """;

    private static SchedulerClient scheduler;

    @BeforeAll
    static void client() {
        scheduler = AwsClients.client(SchedulerClient.builder(), gureum);
    }

    @AfterAll
    static void close() {
        scheduler.close();
    }

    private static List<Parameter> parameters(String schedule, String expression, String team) {
        return List.of(p("ScheduleName", schedule), p("Expression", expression), p("Team", team));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Map<String, String> tags(String arn) {
        return scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void groupsAndSchedulesAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("scheduler-types");
        String first = unique("nightly");
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(first, "cron(0 2 * * ? *)", "red")));
        Stack created = settle(name);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());

        String group = output(created, "GroupRef");
        assertTrue(group.startsWith(name + "-Group-"), group);
        String groupArn = output(created, "GroupArn");
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule-group/" + group, groupArn);
        assertEquals(groupArn, scheduler.getScheduleGroup(b -> b.name(group)).arn());
        assertEquals("ACTIVE", output(created, "GroupState"));
        assertNotNull(output(created, "GroupCreated"));
        assertNotNull(output(created, "GroupModified"));
        Map<String, String> tags = tags(groupArn);
        assertEquals("red", tags.get("team"));
        assertEquals("Group", tags.get("aws:cloudformation:logical-id"));
        assertEquals(name, tags.get("aws:cloudformation:stack-name"));

        assertEquals(first, output(created, "ScheduleRef"));
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/" + group + "/" + first,
                output(created, "ScheduleArn"));
        GetScheduleResponse s = scheduler.getSchedule(b -> b.name(first).groupName(group));
        assertEquals("cron(0 2 * * ? *)", s.scheduleExpression());
        assertEquals("Europe/Paris", s.scheduleExpressionTimezone());
        assertEquals("nightly job", s.description());
        assertEquals("ENABLED", s.stateAsString());
        assertEquals(15, s.flexibleTimeWindow().maximumWindowInMinutes());
        assertEquals("{\"job\":\"nightly\"}", s.target().input());
        assertEquals(3, s.target().retryPolicy().maximumRetryAttempts());
        assertTrue(s.target().arn().endsWith(":" + sqs.getQueueAttributes(q -> q.queueUrl(physicalId(name, "Inbox"))
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn").split(":")[5]));

        // In place: the expression (UpdateSchedule) and the group's tags.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(first, "rate(1 hour)", "blue")));
        Stack inPlace = settle(name);
        assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
        assertEquals(group, output(inPlace, "GroupRef"));
        assertEquals("blue", tags(groupArn).get("team"));
        assertEquals("rate(1 hour)", scheduler.getSchedule(b -> b.name(first).groupName(group)).scheduleExpression());
        assertEquals(first, output(inPlace, "ScheduleRef"));

        // Replacement: Name is "Update requires: Replacement".
        String second = unique("hourly");
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(second, "rate(1 hour)", "blue")));
        Stack replaced = settle(name);
        assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
        assertEquals(second, output(replaced, "ScheduleRef"));
        assertEquals("rate(1 hour)", scheduler.getSchedule(b -> b.name(second).groupName(group)).scheduleExpression());
        fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                () -> scheduler.getSchedule(b -> b.name(first).groupName(group)));

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
        fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                () -> scheduler.getScheduleGroup(b -> b.name(group)));
    }

    @Test
    void anInvalidExpressionFailsTheScheduleWithSchedulersReason() {
        String name = unique("scheduler-fail");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Bad:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: every now and then
                      FlexibleTimeWindow: {Mode: 'OFF'}
                      Target:
                        Arn: arn:aws:sqs:us-east-1:000000000000:nowhere
                        RoleArn: arn:aws:iam::000000000000:role/nobody
                """)).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Bad") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("Invalid Schedule Expression every now and then."), reason);
    }
}
