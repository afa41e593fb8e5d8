package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A SAM template (the {@code AWS::Serverless-2016-10-31} transform): an inline python function fed by an
 * SQS queue through an event source mapping. A message sent to the queue reaches the function, whose
 * effect (a message on a second queue) is what the test reads.
 */
class ServerlessStackIT extends EndToEndSupport {
    private static final String SAM = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Inbox:
                Type: AWS::SQS::Queue
              Seen:
                Type: AWS::SQS::Queue
              Consumer:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Timeout: 30
                  InlineCode: |
                    import os, boto3
                    sqs = boto3.client('sqs')
                    def handler(event, context):
                        for r in event['Records']:
                            sqs.send_message(QueueUrl=os.environ['SEEN'], MessageBody='seen:' + r['body'])
                  Environment:
                    Variables:
                      SEEN: !Ref Seen
                  Events:
                    FromInbox:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Inbox.Arn
                        BatchSize: 1
            Outputs:
              InboxUrl:
                Value: !Ref Inbox
              SeenUrl:
                Value: !Ref Seen
              FunctionName:
                Value: !Ref Consumer
            """;

    @Test
    void aMessageOnTheQueueReachesTheFunction() throws Exception {
        String name = unique("sam");
        cfn.createStack(b -> b.stackName(name).templateBody(SAM).capabilities(Capability.CAPABILITY_IAM,
                Capability.CAPABILITY_AUTO_EXPAND));
        Stack stack = settle(name);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString(), stack.stackStatusReason());
        List<String> types = cfn.describeStackResources(b -> b.stackName(name)).stackResources().stream()
                .map(r -> r.resourceType()).sorted().toList();
        assertEquals(List.of("AWS::IAM::Role", "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Function",
                "AWS::SQS::Queue", "AWS::SQS::Queue"), types);

        String function = output(stack, "FunctionName");
        try (LambdaClient lambda = AwsClients.client(LambdaClient.builder(), gureum)) {
            var mappings = lambda.listEventSourceMappings(b -> b.functionName(function)).eventSourceMappings();
            assertEquals(1, mappings.size());
            assertEquals(physicalId(name, "ConsumerFromInbox"), mappings.get(0).uuid());
            assertEquals(1, mappings.get(0).batchSize());
        }

        sqs.sendMessage(b -> b.queueUrl(output(stack, "InboxUrl")).messageBody("hello"));
        String seen = output(stack, "SeenUrl");
        Message m = null;
        for (int i = 0; i < 60 && m == null; i++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(seen).waitTimeSeconds(5)).messages();
            m = got.isEmpty() ? null : got.get(0);
        }
        assertTrue(m != null, "the function never wrote to the Seen queue");
        assertEquals("seen:hello", m.body());

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(stack.stackId()).stackStatusAsString());
        try (LambdaClient lambda = AwsClients.client(LambdaClient.builder(), gureum)) {
            assertTrue(lambda.listFunctions().functions().stream().noneMatch(f -> f.functionName().equals(
                    function)));
        }
    }
}
