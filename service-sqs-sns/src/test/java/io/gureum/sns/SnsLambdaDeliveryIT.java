package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.testing.AwsClients;
import io.gureum.sqs.SqsService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SNS invokes a function through the server's Lambda API: asynchronously, as sns.amazonaws.com, for the topic. */
class SnsLambdaDeliveryIT {
    static final String ACCOUNT = "000000000000";

    /** What the fake Lambda saw of one Invoke. */
    record Invocation(String function, String type, String payload, String account, String region, String principal,
            String sourceArn) {
    }

    /** A Lambda API whose Invoke records its calls; functions named {@code absent} do not exist. */
    public static final class FakeLambda {
        final List<Invocation> calls = new CopyOnWriteArrayList<>();

        public InvokeResponse invoke(InvokeRequest r) {
            if (r.functionName().endsWith(":absent")) {
                throw ModeledErrors.of(ResourceNotFoundException.class, "Function not found: " + r.functionName());
            }
            RequestContext ctx = RequestContext.current();
            calls.add(new Invocation(r.functionName(), r.invocationTypeAsString(), r.payload().asUtf8String(),
                    ctx.accountId(), ctx.region(), ctx.principal(), ctx.sourceArn()));
            return InvokeResponse.builder().statusCode(202).build();
        }
    }

    static AwsService lambda(FakeLambda fake) {
        return new AwsService() {
            @Override
            public String name() {
                return "lambda";
            }

            @Override
            public String clientInterface() {
                return LambdaClient.class.getName();
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(FakeLambda.class);
            }

            @Override
            public ServiceInstance create(ServiceContext context) {
                return ServiceInstance.of(fake);
            }
        };
    }

    @Test
    void aFunctionSubscriptionIsInvokedAsynchronouslyWithTheSnsEventAsSnsForTheTopic() throws Exception {
        FakeLambda fake = new FakeLambda();
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build(),
                List.of(new SnsService(), new SqsService(), lambda(fake)));
                SnsClient sns = AwsClients.client(SnsClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            String fn = "arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:handler";
            String topic = sns.createTopic(b -> b.name("to-lambda")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(fn));
            sns.publish(b -> b.topicArn(topic).message("to lambda"));

            assertEquals(1, fake.calls.size());
            Invocation call = fake.calls.get(0);
            assertEquals(fn, call.function());
            assertEquals("Event", call.type());
            assertEquals(List.of(ACCOUNT, "eu-west-1", "sns.amazonaws.com", topic),
                    List.of(call.account(), call.region(), call.principal(), call.sourceArn()));
            JsonNode record = new ObjectMapper().readTree(call.payload()).get("Records").get(0);
            assertEquals("aws:sns", record.get("EventSource").asText());
            assertEquals("to lambda", record.get("Sns").get("Message").asText());

            // A function Lambda does not know: the event goes to the subscription's dead-letter queue.
            String dlqUrl = sqs.createQueue(b -> b.queueName("fn-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            sns.subscribe(b -> b.topicArn(topic).protocol("lambda")
                    .endpoint("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:absent")
                    .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}")));
            sns.publish(b -> b.topicArn(topic).message("second"));
            assertEquals(2, fake.calls.size());
            String dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl)).messages().get(0).body();
            assertTrue(dead.contains("\"Message\":\"second\""), dead);
        }
    }
}
