package io.gureum.iam.authz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.gureum.core.Gureum;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Without {@code --enforce-iam} identity policies decide nothing, but AWS's cross-account rule still holds: a
 * resource of another account needs its resource policy to allow the caller.
 */
class CrossAccountDefaultIT extends AuthorizationTestSupport {
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = start(false);
    }

    @AfterAll
    static void stop() {
        closeClients();
        gureum.close();
    }

    @Test
    void identityPoliciesAreNotEnforced() {
        String key = user(gureum, unique("deny-all"), doc(deny("*")));
        assertNotNull(sqs(gureum, key, "us-east-1").createQueue(b -> b.queueName(unique("q"))).queueUrl());
    }

    @Test
    void anotherAccountsQueueNeedsItsPolicy() {
        String queue = unique("theirs");
        String url = sqs(gureum, B, "us-east-1").createQueue(b -> b.queueName(queue)).queueUrl();
        String arn = "arn:aws:sqs:us-east-1:" + B + ":" + queue;
        denied("AccessDenied", 403, "User: arn:aws:iam::" + A + ":root is not authorized to perform: "
                + "sqs:PurgeQueue on resource: " + arn + " because no resource-based policy allows the "
                + "sqs:PurgeQueue action", () -> sqs(gureum, A, "us-east-1").purgeQueue(b -> b.queueUrl(url)));
        sqs(gureum, B, "us-east-1").setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + A + "\"},\"Action\":\"sqs:*\",\"Resource\":\""
                        + arn + "\"}"))));
        sqs(gureum, A, "us-east-1").purgeQueue(b -> b.queueUrl(url));
        sqs(gureum, B, "us-east-1").purgeQueue(b -> b.queueUrl(url)); // the owner needs no policy
    }
}
