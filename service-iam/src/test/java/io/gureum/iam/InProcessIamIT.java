package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.spi.Caller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * What other services see of IAM through core's in-process client: Lambda reads an execution role's
 * trust policy with {@code getRole}, errors arrive as modeled SDK exceptions, and the model's
 * constraints apply as they do over HTTP.
 */
class InProcessIamIT extends IamTestSupport {

    IamClient inProcess(String account) {
        return gureum.context().clients().client(IamClient.class,
                Caller.service("lambda.amazonaws.com", account, "us-east-1", null));
    }

    @Test
    void getRoleInProcessSeesTheRoleAnHttpClientCreated() {
        String name = unique("exec");
        String arn = createRole(name);
        Role role = inProcess("000000000000").getRole(b -> b.roleName(name)).role();
        assertEquals(arn, role.arn());
        assertEquals(TRUST, decode(role.assumeRolePolicyDocument()));
        // IAM is per account: another account has no such role.
        NoSuchEntityException e = assertThrows(NoSuchEntityException.class,
                () -> inProcess("111111111111").getRole(b -> b.roleName(name)));
        assertEquals("NoSuchEntity", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
        assertEquals("The role with name " + name + " cannot be found.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void inProcessCallsAreValidatedLikeHttpOnes() {
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> inProcess("000000000000").getRole(b -> b.roleName("bad name")));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\w+=,.@-]+", e.awsErrorDetails().errorMessage());
        AwsServiceException missing = assertThrows(AwsServiceException.class,
                () -> inProcess("000000000000").getRole(b -> { }));
        assertEquals("1 validation error detected: Value null at 'roleName' failed to satisfy constraint: "
                + "Member must not be null", missing.awsErrorDetails().errorMessage());
    }
}
