package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP subscriptions against a loopback endpoint: confirmation handshake, envelope, headers, retries. */
class SnsHttpIT extends SnsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    HttpServer server;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startEndpoint() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders(), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "nothing delivered to the endpoint");
        return r;
    }

    @Test
    void confirmationHandshakeThenSignedNotifications() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("http"))).topicArn();
        String pending = sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint())).subscriptionArn();
        assertEquals("pending confirmation", pending);
        Received confirmation = next();
        assertEquals("SubscriptionConfirmation", confirmation.header("x-amz-sns-message-type"));
        assertEquals(topic, confirmation.header("x-amz-sns-topic-arn"));
        assertEquals("text/plain; charset=UTF-8", confirmation.header("Content-Type"));
        JsonNode c = JSON.readTree(confirmation.body());
        assertEquals("SubscriptionConfirmation", c.get("Type").asText());
        assertTrue(c.get("SubscribeURL").asText().contains("Action=ConfirmSubscription"));
        // Published before confirmation: not delivered.
        sns.publish(b -> b.topicArn(topic).message("too early"));
        String arn = sns.confirmSubscription(b -> b.topicArn(topic).token(c.get("Token").asText())).subscriptionArn();
        assertTrue(arn.startsWith(topic + ":"));
        String id = sns.publish(b -> b.topicArn(topic).message("hello http").subject("s")).messageId();
        Received n = next();
        assertEquals("Notification", n.header("x-amz-sns-message-type"));
        assertEquals(id, n.header("x-amz-sns-message-id"));
        assertEquals(arn, n.header("x-amz-sns-subscription-arn"));
        assertEquals("Amazon Simple Notification Service Agent", n.header("User-Agent"));
        JsonNode env = JSON.readTree(n.body());
        assertEquals("hello http", env.get("Message").asText());
        assertEquals("s", env.get("Subject").asText());
        assertNotNull(env.get("Signature"));
        assertTrue(received.isEmpty(), "the early message must not arrive");
    }

    @Test
    void visitingTheSubscribeUrlConfirms() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("visit"))).topicArn();
        sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint()));
        JsonNode c = JSON.readTree(next().body());
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.get("SubscribeURL").asText())).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("<SubscriptionArn>" + topic + ":"), r.body());
        assertEquals("1", sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("SubscriptionsConfirmed"));
    }

    @Test
    void rawDeliveryAndRetriesFollowTheDeliveryPolicy() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("retry"))).topicArn();
        sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint()));
        String token = JSON.readTree(next().body()).get("Token").asText();
        String arn = sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn();
        sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("RawMessageDelivery").attributeValue("true"));
        sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("DeliveryPolicy")
                .attributeValue("{\"healthyRetryPolicy\":{\"numRetries\":2,\"minDelayTarget\":0,\"maxDelayTarget\":0}}"));
        failuresLeft.set(2);
        sns.publish(b -> b.topicArn(topic).message("raw body"));
        for (int attempt = 0; attempt < 3; attempt++) {
            Received r = next();
            assertEquals("raw body", r.body());
            assertEquals("true", r.header("x-amz-sns-rawdelivery"));
        }
    }
}
