package io.gureum.sns;

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
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.ConfirmSubscriptionRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;

/** The deliveries endpoint's logic: email confirmation tokens and recorded notifications. */
class SnsAdminTest {
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts("000000000000"));
    final RequestContext ctx = new RequestContext("r", "000000000000", "us-east-1", "test", "sns",
            AwsHttpRequest.builder("POST", "/").header("Host", "localhost:4566").build());

    static <T> T provider(ServiceInstance instance, Class<T> type) {
        return instance.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    JsonNode deliveries(ServiceInstance sns, String query) throws Exception {
        AwsHttpResponse r = sns.adminRequest(AwsHttpRequest.builder("GET", "/_gureum/sns/deliveries" + query).build());
        assertEquals(200, r.status());
        return new ObjectMapper().readTree(r.bodyAsString()).get("Deliveries");
    }

    @Test
    void emailConfirmationAndNotificationsAreRecorded() throws Exception {
        ServiceInstance sns = new SnsService().create(context);
        Topics topics = provider(sns, Topics.class);
        Subscriptions subscriptions = provider(sns, Subscriptions.class);
        Publishing publishing = provider(sns, Publishing.class);
        try {
            String topic = ctx.call(() -> {
                String t = topics.createTopic(CreateTopicRequest.builder().name("mail").build()).topicArn();
                subscriptions.subscribe(SubscribeRequest.builder().topicArn(t).protocol("email")
                        .endpoint("ops@example.com").build());
                return t;
            });
            JsonNode confirmation = deliveries(sns, "?Protocol=email").get(0);
            assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
            String token = confirmation.get("Headers").get("Token").asText();
            ctx.call(() -> {
                subscriptions.confirmSubscription(ConfirmSubscriptionRequest.builder().topicArn(topic).token(token)
                        .build());
                publishing.publish(PublishRequest.builder().topicArn(topic).message("disk full").subject("alarm").build());
                publishing.publish(PublishRequest.builder().phoneNumber("+15555550123").message("sms body").build());
                return null;
            });
            JsonNode mail = deliveries(sns, "?Protocol=email&Endpoint=ops@example.com");
            assertEquals(2, mail.size());
            assertEquals("disk full", mail.get(1).get("Body").asText());
            assertEquals("sms body", deliveries(sns, "?Protocol=sms").get(0).get("Body").asText());
            AwsHttpResponse pem = sns.adminRequest(AwsHttpRequest.builder("GET",
                    "/_gureum/sns/SimpleNotificationService-gureum.pem").build());
            assertTrue(pem.bodyAsString().startsWith("-----BEGIN PUBLIC KEY-----"));
        } finally {
            sns.close();
        }
    }
}
