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
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.Test;

/** The deliveries endpoint's logic: email confirmation tokens and recorded notifications. */
class SnsAdminTest {
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts("000000000000"));
    final RequestContext ctx = new RequestContext("r", "000000000000", "us-east-1", "test", "sns",
            AwsHttpRequest.builder("POST", "/").header("Host", "localhost:4566").build());

    JsonNode deliveries(SnsHandler sns, String query) throws Exception {
        AwsHttpResponse r = sns.admin().handle(AwsHttpRequest.builder("GET", "/_gureum/sns/deliveries" + query).build());
        assertEquals(200, r.status());
        return new ObjectMapper().readTree(r.bodyAsString()).get("Deliveries");
    }

    @Test
    void emailConfirmationAndNotificationsAreRecorded() throws Exception {
        SnsHandler sns = (SnsHandler) new SnsService().create(context).providers().get(0);
        try {
            String topic = ctx.call(() -> {
                String t = sns.createTopic(b -> b.name("mail")).topicArn();
                sns.subscribe(b -> b.topicArn(t).protocol("email").endpoint("ops@example.com"));
                return t;
            });
            JsonNode confirmation = deliveries(sns, "?Protocol=email").get(0);
            assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
            String token = confirmation.get("Headers").get("Token").asText();
            ctx.call(() -> {
                sns.confirmSubscription(b -> b.topicArn(topic).token(token));
                sns.publish(b -> b.topicArn(topic).message("disk full").subject("alarm"));
                sns.publish(b -> b.phoneNumber("+15555550123").message("sms body"));
                return null;
            });
            JsonNode mail = deliveries(sns, "?Protocol=email&Endpoint=ops@example.com");
            assertEquals(2, mail.size());
            assertEquals("disk full", mail.get(1).get("Body").asText());
            assertEquals("sms body", deliveries(sns, "?Protocol=sms").get(0).get("Body").asText());
            AwsHttpResponse pem = sns.admin().handle(AwsHttpRequest.builder("GET",
                    "/_gureum/sns/SimpleNotificationService-gureum.pem").build());
            assertTrue(pem.bodyAsString().startsWith("-----BEGIN PUBLIC KEY-----"));
        } finally {
            sns.close();
        }
    }
}
