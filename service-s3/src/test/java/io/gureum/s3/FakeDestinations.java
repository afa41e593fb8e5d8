package io.gureum.s3;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.testing.TestServices;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Tiny stand-ins for the SQS, SNS and Lambda APIs (the real modules are not on this module's class
 * path): each knows the destinations it is given, answers the lookups S3 validates with, and records
 * what S3 delivers together with the caller it came from.
 */
final class FakeDestinations {

    /** One call a destination received: the API, the destination, the body, and who called where. */
    record Delivered(String api, String target, String body, String detail, String principal, String sourceArn,
            String account, String region) {
    }

    final Set<String> existing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<Delivered> delivered = new CopyOnWriteArrayList<>();

    List<AwsService> services() {
        return List.of(TestServices.service("sqs", SqsClient.class, null, Queues.class, c -> new Queues()),
                TestServices.service("sns", SnsClient.class, null, Topics.class, c -> new Topics()),
                TestServices.service("lambda", LambdaClient.class, null, Functions.class, c -> new Functions()));
    }

    private void record(String api, String target, String body, String detail) {
        RequestContext ctx = RequestContext.current();
        delivered.add(new Delivered(api, target, body, detail, ctx.principal(), ctx.sourceArn(), ctx.accountId(),
                ctx.region()));
    }

    final class Queues {
        public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest r) {
            RequestContext ctx = RequestContext.current();
            String owner = r.queueOwnerAWSAccountId() == null ? ctx.accountId() : r.queueOwnerAWSAccountId();
            String arn = "arn:aws:sqs:" + ctx.region() + ":" + owner + ":" + r.queueName();
            if (!existing.contains(arn)) {
                throw ModeledErrors.of(QueueDoesNotExistException.class, "The specified queue does not exist.");
            }
            return GetQueueUrlResponse.builder().queueUrl("http://sqs.test/" + owner + "/" + r.queueName()).build();
        }

        public SendMessageResponse sendMessage(SendMessageRequest r) {
            record("sqs", r.queueUrl(), r.messageBody(), null);
            return SendMessageResponse.builder().messageId("m-1").build();
        }
    }

    final class Topics {
        public GetTopicAttributesResponse getTopicAttributes(GetTopicAttributesRequest r) {
            if (!existing.contains(r.topicArn())) {
                throw ModeledErrors.of(software.amazon.awssdk.services.sns.model.NotFoundException.class,
                        "Topic does not exist");
            }
            return GetTopicAttributesResponse.builder().build();
        }

        public PublishResponse publish(PublishRequest r) {
            record("sns", r.topicArn(), r.message(), r.subject());
            return PublishResponse.builder().messageId("p-1").build();
        }
    }

    final class Functions {
        public GetFunctionResponse getFunction(GetFunctionRequest r) {
            if (!existing.contains(r.functionName())) {
                throw ModeledErrors.of(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class,
                        "Function not found: " + r.functionName());
            }
            return GetFunctionResponse.builder().build();
        }

        public InvokeResponse invoke(InvokeRequest r) {
            record("lambda", r.functionName(), r.payload().asUtf8String(), r.invocationTypeAsString());
            return InvokeResponse.builder().statusCode(202).build();
        }
    }
}
