package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The peek endpoint's logic, on SQS's providers called directly. */
class SqsAdminTest {

    static <T> T provider(ServiceInstance instance, Class<T> type) {
        return instance.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts("000000000000"));
    final RequestContext ctx = new RequestContext("r", "000000000000", "us-east-1", "test", "sqs",
            AwsHttpRequest.builder("POST", "/").header("Host", "localhost:4566").build());

    @Test
    void peekShowsMessagesWithoutChangingVisibility() throws Exception {
        ServiceInstance sqs = new SqsService().create(context);
        QueueOperations queues = provider(sqs, QueueOperations.class);
        MessageSending sending = provider(sqs, MessageSending.class);
        MessageReceiving receiving = provider(sqs, MessageReceiving.class);
        try {
            String url = ctx.call(() -> {
                String u = queues.createQueue(CreateQueueRequest.builder().queueName("peek").build()).queueUrl();
                sending.sendMessage(SendMessageRequest.builder().queueUrl(u).messageBody("one").build());
                sending.sendMessage(SendMessageRequest.builder().queueUrl(u).messageBody("two").delaySeconds(60).build());
                AsyncResponse.await(() -> receiving.receiveMessage(ReceiveMessageRequest.builder().queueUrl(u)
                        .maxNumberOfMessages(1).build()));
                return u;
            });
            assertEquals("http://localhost:4566/000000000000/peek", url);
            for (int i = 0; i < 2; i++) {
                AwsHttpResponse r = sqs.adminRequest(AwsHttpRequest.builder("GET", "/_gureum/sqs/messages?QueueUrl="
                        + URLEncoder.encode(url, StandardCharsets.UTF_8)).build());
                assertEquals(200, r.status(), r.bodyAsString());
                JsonNode messages = new ObjectMapper().readTree(r.bodyAsString()).get("Messages");
                assertEquals(2, messages.size());
                assertEquals("one", messages.get(0).get("Body").asText());
                assertEquals("inflight", messages.get(0).get("State").asText());
                assertEquals("1", messages.get(0).get("Attributes").get("ApproximateReceiveCount").asText());
                assertEquals("delayed", messages.get(1).get("State").asText());
            }
            AwsHttpResponse missing = sqs.adminRequest(AwsHttpRequest.builder("GET",
                    "/_gureum/sqs/messages?QueueUrl=http://localhost/000000000000/absent").build());
            assertEquals(400, missing.status());
            assertTrue(missing.bodyAsString().contains("NonExistentQueue"));
        } finally {
            sqs.close();
        }
    }
}
