package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Put/Get/DeleteResourcePolicy over the statements AddPermission keeps. */
class ResourcePoliciesIT extends LambdaTestSupport {

    @Test
    void putReplacesAddPermissionsStatements() {
        String name = unique("fn");
        createEcho(name);
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + name;
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getResourcePolicy(b -> b.resourceArn(arn)));
        lambda.addPermission(b -> b.functionName(name).statementId("old").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com"));
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"new\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"lambda:InvokeFunction\","
                + "\"Resource\":\"" + arn + "\"}]}";
        assertAwsError(PreconditionFailedException.class, "PreconditionFailedException", 412,
                () -> lambda.putResourcePolicy(b -> b.resourceArn(arn).policy(doc).revisionId("stale")));
        var put = lambda.putResourcePolicy(b -> b.resourceArn(arn).policy(doc));
        assertTrue(put.policy().contains("\"Sid\":\"new\""), put.policy());
        var got = lambda.getResourcePolicy(b -> b.resourceArn(arn));
        assertEquals(put.revisionId(), got.revisionId());
        assertEquals(put.policy(), got.policy());
        // the old statement is gone, GetPolicy sees the new one
        String policy = lambda.getPolicy(b -> b.functionName(name)).policy();
        assertTrue(policy.contains("\"Sid\":\"new\"") && !policy.contains("\"Sid\":\"old\""), policy);
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.putResourcePolicy(b -> b.resourceArn(arn).policy("not json")));
        lambda.deleteResourcePolicy(b -> b.resourceArn(arn));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getPolicy(b -> b.functionName(name)));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getResourcePolicy(b -> b.resourceArn(arn + ":9")));
    }
}
