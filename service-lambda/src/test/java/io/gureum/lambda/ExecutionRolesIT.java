package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** With --enforce-iam, the execution role is read from IAM (in-process GetRole) and must trust Lambda. */
class ExecutionRolesIT extends LambdaTestSupport {
    static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":[\"ec2.amazonaws.com\",\"lambda.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}";
    static final String TRUST_EC2 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static IamClient iam;

    /** This class's server enforces IAM; the base class's plain one stays unused. */
    @RegisterExtension
    static final GureumExtension own = GureumExtension.builder().config(c -> c.enforceIam(true)).build();

    @BeforeAll
    static void start() {
        gureum = own.gureum();
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
        iam = AwsClients.client(IamClient.builder(), gureum);
    }

    @AfterAll
    static void stopIam() {
        iam.close();
    }

    static void create(String name, String role) {
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(role).handler("app.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO)))));
    }

    static void assertCannotAssume(org.junit.jupiter.api.function.Executable call) {
        InvalidParameterValueException e = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, call);
        assertEquals("The role defined for the function cannot be assumed by Lambda.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void aRoleWithAPathThatTrustsLambdaIsAccepted() {
        String roleName = unique("exec");
        String arn = iam.createRole(b -> b.roleName(roleName).path("/service-role/").assumeRolePolicyDocument(TRUST_LAMBDA))
                .role().arn();
        assertEquals("arn:aws:iam::000000000000:role/service-role/" + roleName, arn);
        String name = unique("fn");
        create(name, arn);
        assertEquals(arn, lambda.getFunction(b -> b.functionName(name)).configuration().role());
    }

    @Test
    void aRoleThatDoesNotExistOrIsNamedWithAnotherPathIsRefused() {
        assertCannotAssume(() -> create(unique("fn"), "arn:aws:iam::000000000000:role/" + unique("nobody")));
        String roleName = unique("exec");
        iam.createRole(b -> b.roleName(roleName).path("/service-role/").assumeRolePolicyDocument(TRUST_LAMBDA));
        assertCannotAssume(() -> create(unique("fn"), "arn:aws:iam::000000000000:role/" + roleName));
    }

    @Test
    void aRoleThatDoesNotTrustLambdaIsRefusedOnCreateAndUpdate() {
        String ec2Role = unique("ec2");
        String ec2Arn = iam.createRole(b -> b.roleName(ec2Role).assumeRolePolicyDocument(TRUST_EC2)).role().arn();
        assertCannotAssume(() -> create(unique("fn"), ec2Arn));

        String lambdaRole = unique("exec");
        String lambdaArn = iam.createRole(b -> b.roleName(lambdaRole).assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
        String name = unique("fn");
        create(name, lambdaArn);
        assertCannotAssume(() -> lambda.updateFunctionConfiguration(b -> b.functionName(name).role(ec2Arn)));
        assertEquals(lambdaArn, lambda.getFunctionConfiguration(b -> b.functionName(name)).role());
    }
}
