package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.sns.SnsClient;

/** AWS::SNS::TopicInlinePolicy and AWS::SQS::QueueInlinePolicy deployed by CreateStack. */
class InlinePolicyResourceTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Sid: {Type: String}
              Target: {Type: String}
            Conditions:
              Second: !Equals [!Ref Target, second]
            Resources:
              Topic1: {Type: AWS::SNS::Topic}
              Topic2: {Type: AWS::SNS::Topic}
              Queue1: {Type: AWS::SQS::Queue}
              Queue2: {Type: AWS::SQS::Queue}
              TopicPolicy:
                Type: AWS::SNS::TopicInlinePolicy
                Properties:
                  TopicArn: !If [Second, !Ref Topic2, !Ref Topic1]
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Sid: !Ref Sid
                        Effect: Allow
                        Principal: {Service: events.amazonaws.com}
                        Action: sns:Publish
                        Resource: !If [Second, !Ref Topic2, !Ref Topic1]
              QueuePolicy:
                Type: AWS::SQS::QueueInlinePolicy
                Properties:
                  Queue: !If [Second, !Ref Queue2, !Ref Queue1]
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Sid: !Ref Sid
                        Effect: Allow
                        Principal: {Service: sns.amazonaws.com}
                        Action: sqs:SendMessage
                        Resource: !If [Second, !GetAtt Queue2.Arn, !GetAtt Queue1.Arn]
            Outputs:
              TopicPolicyRef: {Value: !Ref TopicPolicy}
              QueuePolicyRef: {Value: !Ref QueuePolicy}
              Topic1: {Value: !Ref Topic1}
              Topic2: {Value: !Ref Topic2}
              Queue1: {Value: !Ref Queue1}
              Queue2: {Value: !Ref Queue2}
            """;

    private static List<Parameter> parameters(String sid, String target) {
        return List.of(Parameter.builder().parameterKey("Sid").parameterValue(sid).build(),
                Parameter.builder().parameterKey("Target").parameterValue(target).build());
    }

    private static String topicPolicy(SnsClient sns, String topic) {
        return sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("Policy");
    }

    private static String queuePolicy(String queue) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("Policy"))
                .attributesAsStrings().getOrDefault("Policy", "");
    }

    @Test
    void inlinePoliciesAreSetChangedMovedAndRemoved() {
        String name = unique("inline");
        try (SnsClient sns = AwsClients.client(SnsClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters("First", "first")));
            Stack created = settle(name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            String topic1 = output(created, "Topic1");
            String topic2 = output(created, "Topic2");
            String queue1 = output(created, "Queue1");
            String queue2 = output(created, "Queue2");
            assertEquals(topic1, output(created, "TopicPolicyRef"));
            assertEquals(queue1, output(created, "QueuePolicyRef"));
            assertTrue(topicPolicy(sns, topic1).contains("\"First\""), topicPolicy(sns, topic1));
            assertTrue(queuePolicy(queue1).contains("\"First\""), queuePolicy(queue1));

            // In place: the document.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters("Changed", "first")));
            Stack inPlace = settle(name);
            assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
            assertTrue(topicPolicy(sns, topic1).contains("\"Changed\""));
            assertTrue(queuePolicy(queue1).contains("\"Changed\""));

            // Replacement: TopicArn and Queue; the first topic gets SNS's default policy back, the first queue none.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters("Changed", "second")));
            Stack replaced = settle(name);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            assertEquals(topic2, output(replaced, "TopicPolicyRef"));
            assertEquals(queue2, output(replaced, "QueuePolicyRef"));
            assertTrue(topicPolicy(sns, topic2).contains("\"Changed\""));
            assertTrue(queuePolicy(queue2).contains("\"Changed\""));
            assertTrue(topicPolicy(sns, topic1).contains("__default_statement_ID"), topicPolicy(sns, topic1));
            assertFalse(queuePolicy(queue1).contains("Changed"), queuePolicy(queue1));

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
        }
    }

    @Test
    void aPolicyOnAMissingQueueFailsWithSqsReason() {
        String name = unique("inline-fail");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  QueuePolicy:
                    Type: AWS::SQS::QueueInlinePolicy
                    Properties:
                      Queue: http://sqs.us-east-1.localhost/000000000000/no-such-queue
                      PolicyDocument: {Version: '2012-10-17', Statement: []}
                """)).stackId();
        assertEquals("ROLLBACK_COMPLETE", settle(id).stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("QueuePolicy") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("The specified queue does not exist"), reason);
    }
}
