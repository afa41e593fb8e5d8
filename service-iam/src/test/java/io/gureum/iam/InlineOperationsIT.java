package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.dispatch.InlineRequests;
import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The IAM and STS operations declared inline (ADR 0018) are answered on the event loop without waiting there
 * ({@code -Dgureum.inline.check=true} counts an inline answer whose thread parked, slept or blocked on a monitor for a millisecond or more).
 */
class InlineOperationsIT extends IamTestSupport {

    @Test
    void declaredOperationsAnswerOnTheEventLoopWithoutWaiting() {
        String role = unique("inline-role");
        iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
        try (StsClient sts = AwsClients.client(StsClient.builder(), gureum.endpoint(), "test", "us-east-1")) {
            sts.getCallerIdentity(); // loads STS's model: answered by the pool
            InlineRequests.Counts before = gureum.inlineCounts();

            String user = unique("inline-user");
            iam.createUser(b -> b.userName(user));
            assertEquals(user, iam.getUser(b -> b.userName(user)).user().userName());
            iam.listUsers();
            iam.getRole(b -> b.roleName(role));
            iam.listRoles();
            iam.getPolicy(b -> b.policyArn(LAMBDA_BASIC));
            iam.listPolicies(b -> b.scope("Local"));
            iam.deleteUser(b -> b.userName(user));
            assertEquals("000000000000", sts.getCallerIdentity().account());

            InlineRequests.Counts after = gureum.inlineCounts();
            assertEquals(9, after.answered() - before.answered(), "each of the 9 calls answered inline");
            assertEquals(0, after.waited() - before.waited(), "no inline answer waited (see the log's ERROR line)");
        }
    }
}
