package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.AddPermissionRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;

/** The queue's owner and policy as the authorizer reads them, and another account's queue by URL. */
class QueueResourceAccessTest {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
    final ServiceInstance sqs = new SqsService().create(context);
    final QueueOperations queues = SqsAdminTest.provider(sqs, QueueOperations.class);
    final QueuePermissions permissions = SqsAdminTest.provider(sqs, QueuePermissions.class);
    final MessageSending sending = SqsAdminTest.provider(sqs, MessageSending.class);

    static RequestContext as(String account) {
        return new RequestContext("r", account, "us-east-1", "test", "sqs",
                AwsHttpRequest.builder("POST", "/").header("Host", "localhost:4566").build());
    }

    @AfterEach
    void close() {
        sqs.close();
    }

    @Test
    void ownerAndPolicyFollowAddPermissionAndSetQueueAttributes() throws Exception {
        String arn = "arn:aws:sqs:us-east-1:" + OWNER + ":shared";
        String url = as(OWNER).call(() -> queues.createQueue(CreateQueueRequest.builder().queueName("shared").build())
                .queueUrl());
        ResourceAccess a = sqs.resourceAccess(arn);
        assertEquals(OWNER, a.ownerAccountId());
        assertNull(a.policyJson());
        as(OWNER).call(() -> permissions.addPermission(AddPermissionRequest.builder().queueUrl(url).label("l1")
                .awsAccountIds(OTHER).actions("SendMessage").build()));
        assertTrue(sqs.resourceAccess(arn).policyJson().contains("arn:aws:iam::" + OTHER + ":root"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        as(OWNER).call(() -> queues.setQueueAttributes(SetQueueAttributesRequest.builder().queueUrl(url)
                .attributesWithStrings(Map.of("Policy", policy)).build()));
        assertEquals(policy, sqs.resourceAccess(arn).policyJson());
        assertNull(sqs.resourceAccess("arn:aws:sqs:us-east-1:" + OWNER + ":nope"));
        assertNull(sqs.resourceAccess("arn:aws:sns:us-east-1:" + OWNER + ":shared"));
    }

    @Test
    void anotherAccountReachesTheQueueByItsUrlAndOwnerAccountId() throws Exception {
        String url = as(OWNER).call(() -> queues.createQueue(CreateQueueRequest.builder().queueName("cross").build())
                .queueUrl());
        String found = as(OTHER).call(() -> queues.getQueueUrl(GetQueueUrlRequest.builder().queueName("cross")
                .queueOwnerAWSAccountId(OWNER).build()).queueUrl());
        assertEquals(url, found);
        String id = as(OTHER).call(() -> sending.sendMessage(SendMessageRequest.builder().queueUrl(url)
                .messageBody("hello").build()).messageId());
        assertTrue(id != null && !id.isEmpty());
    }
}
