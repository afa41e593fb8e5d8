package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.AddPermissionRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetTopicAttributesRequest;

/** The topic's owner and policy as the authorizer reads them, and another account's topic by ARN. */
class TopicResourceAccessTest {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
    final ServiceInstance sns = new SnsService().create(context);
    final Topics topics = provider(Topics.class);
    final TopicPolicies policies = provider(TopicPolicies.class);

    <T> T provider(Class<T> type) {
        return sns.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    static RequestContext as(String account) {
        return new RequestContext("r", account, "us-east-1", "test", "sns",
                AwsHttpRequest.builder("POST", "/").header("Host", "localhost:4566").build());
    }

    @AfterEach
    void close() {
        sns.close();
    }

    @Test
    void aTopicHasItsDefaultPolicyUntilReplaced() throws Exception {
        String arn = as(OWNER).call(() -> topics.createTopic(CreateTopicRequest.builder().name("t1").build())
                .topicArn());
        ResourceAccess a = sns.resourceAccess(arn);
        assertEquals(OWNER, a.ownerAccountId());
        assertNotNull(a.policyJson());
        assertTrue(a.policyJson().contains("\"AWS:SourceOwner\":\"" + OWNER + "\""), a.policyJson());
        as(OWNER).call(() -> policies.addPermission(AddPermissionRequest.builder().topicArn(arn).label("x")
                .awsAccountIds(OTHER).actionNames("Publish").build()));
        assertTrue(sns.resourceAccess(arn).policyJson().contains(OTHER));
        String replaced = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        as(OWNER).call(() -> topics.setTopicAttributes(SetTopicAttributesRequest.builder().topicArn(arn)
                .attributeName("Policy").attributeValue(replaced).build()));
        assertEquals(replaced, sns.resourceAccess(arn).policyJson());
        assertNull(sns.resourceAccess("arn:aws:sns:us-east-1:" + OWNER + ":none"));
    }

    @Test
    void anotherAccountReadsTheTopicByItsArn() throws Exception {
        String arn = as(OWNER).call(() -> topics.createTopic(CreateTopicRequest.builder().name("t2").build())
                .topicArn());
        String owner = as(OTHER).call(() -> topics.getTopicAttributes(GetTopicAttributesRequest.builder()
                .topicArn(arn).build()).attributes().get("Owner"));
        assertEquals(OWNER, owner);
    }
}
