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
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The peek endpoint's logic, on a handler used in-process as an SqsClient. */
class SqsAdminTest {
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts("000000000000"));
    final RequestContext ctx = new RequestContext("r", "000000000000", "us-east-1", "test", "sqs",
            AwsHttpRequest.builder("POST", "/").header("Host", "localhost:4566").build());

    @Test
    void peekShowsMessagesWithoutChangingVisibility() throws Exception {
        SqsHandler sqs = (SqsHandler) new SqsService().create(context).providers().get(0);
        try {
            String url = ctx.call(() -> {
                String u = sqs.createQueue(b -> b.queueName("peek")).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(u).messageBody("one"));
                sqs.sendMessage(b -> b.queueUrl(u).messageBody("two").delaySeconds(60));
                io.gureum.core.spi.AsyncResponse.await(() -> sqs.receiveMessage(b -> b.queueUrl(u).maxNumberOfMessages(1)));
                return u;
            });
            assertEquals("http://localhost:4566/000000000000/peek", url);
            for (int i = 0; i < 2; i++) {
                AwsHttpResponse r = sqs.admin().handle(AwsHttpRequest.builder("GET", "/_gureum/sqs/messages?QueueUrl="
                        + URLEncoder.encode(url, StandardCharsets.UTF_8)).build());
                assertEquals(200, r.status(), r.bodyAsString());
                JsonNode messages = new ObjectMapper().readTree(r.bodyAsString()).get("Messages");
                assertEquals(2, messages.size());
                assertEquals("one", messages.get(0).get("Body").asText());
                assertEquals("inflight", messages.get(0).get("State").asText());
                assertEquals("1", messages.get(0).get("Attributes").get("ApproximateReceiveCount").asText());
                assertEquals("delayed", messages.get(1).get("State").asText());
            }
            AwsHttpResponse missing = sqs.admin().handle(AwsHttpRequest.builder("GET",
                    "/_gureum/sqs/messages?QueueUrl=http://localhost/000000000000/absent").build());
            assertEquals(400, missing.status());
            assertTrue(missing.bodyAsString().contains("NonExistentQueue"));
        } finally {
            sqs.close();
        }
    }
}
