package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

/**
 * With {@code --enforce-iam}, Lambda looks a function's execution role up in IAM (through core's lookup
 * by ARN) and refuses one that does not exist or does not trust Lambda, as AWS does.
 */
class LambdaExecutionRoleIT {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().config(c -> c.enforceIam(true)).build();
    static Gureum gureum;
    static LambdaClient lambda;
    static IamClient iam;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        iam = AwsClients.client(IamClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        iam.close();
    }

    private static String role(String name, String service) {
        return iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service + "\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
    }

    private static void create(String name, String role) throws Exception {
        SdkBytes code = LambdaEventSourcesIT.zip("app.py", "def handler(event, context):\n    return 1\n");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").handler("app.handler").role(role)
                .code(c -> c.zipFile(code)));
    }

    private static void assertCannotAssume(org.junit.jupiter.api.function.Executable call) {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, call);
        assertEquals(400, e.statusCode());
        assertEquals("The role defined for the function cannot be assumed by Lambda.",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void theRoleMustExistAndTrustLambda() throws Exception {
        assertCannotAssume(() -> create("no-role", "arn:aws:iam::000000000000:role/absent"));
        String ec2Only = role("ec2-only", "ec2.amazonaws.com");
        assertCannotAssume(() -> create("wrong-trust", ec2Only));

        String lambdaRole = role("lambda-exec", "lambda.amazonaws.com");
        create("right-role", lambdaRole);
        assertEquals(lambdaRole, lambda.getFunctionConfiguration(b -> b.functionName("right-role")).role());
        assertCannotAssume(() -> lambda.updateFunctionConfiguration(b -> b.functionName("right-role").role(ec2Only)));
        assertEquals(lambdaRole, lambda.getFunctionConfiguration(b -> b.functionName("right-role")).role(),
                "a refused update changes nothing");
    }
}
