package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.CodeSigningPolicy;
import software.amazon.awssdk.services.lambda.model.CodeVerificationFailedException;
import software.amazon.awssdk.services.lambda.model.CreateCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/** Code signing configs, their association with functions, and Enforce refusing Gureum's unsigned code. */
class CodeSigningConfigsIT extends LambdaTestSupport {
    private static final String PROFILE = "arn:aws:signer:us-east-1:000000000000:/signing-profiles/p/abcdefghij";

    @Test
    void configsAreCreatedAssociatedAndDeleted() {
        CreateCodeSigningConfigResponse created = lambda.createCodeSigningConfig(b -> b.description("d")
                .allowedPublishers(p -> p.signingProfileVersionArns(PROFILE)));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        CodeSigningConfig c = created.codeSigningConfig();
        assertTrue(c.codeSigningConfigId().matches("csc-[0-9a-f]{17}"), c.codeSigningConfigId());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:code-signing-config:" + c.codeSigningConfigId(),
                c.codeSigningConfigArn());
        assertEquals(CodeSigningPolicy.WARN, c.codeSigningPolicies().untrustedArtifactOnDeployment());
        assertEquals(c, lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn()))
                .codeSigningConfig());
        assertTrue(lambda.listCodeSigningConfigs(b -> b.maxItems(50)).codeSigningConfigs().contains(c));

        String name = unique("fn");
        createEcho(name);
        assertEquals("", lambda.getFunctionCodeSigningConfig(b -> b.functionName(name)).codeSigningConfigArn());
        lambda.putFunctionCodeSigningConfig(b -> b.functionName(name).codeSigningConfigArn(c.codeSigningConfigArn()));
        assertEquals(c.codeSigningConfigArn(),
                lambda.getFunctionCodeSigningConfig(b -> b.functionName(name)).codeSigningConfigArn());
        assertEquals(List.of("arn:aws:lambda:us-east-1:000000000000:function:" + name),
                lambda.listFunctionsByCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn()))
                        .functionArns());
        assertAwsError(ResourceConflictException.class, "ResourceConflictException", 409,
                () -> lambda.deleteCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn())));

        // Warn lets unsigned code deploy; Enforce refuses it (Gureum has no signed packages)
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO))));
        lambda.updateCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn())
                .codeSigningPolicies(p -> p.untrustedArtifactOnDeployment(CodeSigningPolicy.ENFORCE)));
        assertAwsError(CodeVerificationFailedException.class, "CodeVerificationFailedException", 400,
                () -> lambda.updateFunctionCode(b -> b.functionName(name)
                        .zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO)))));

        lambda.deleteFunctionCodeSigningConfig(b -> b.functionName(name));
        assertEquals("", lambda.getFunctionCodeSigningConfig(b -> b.functionName(name)).codeSigningConfigArn());
        assertEquals(204, lambda.deleteCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn()))
                .sdkHttpResponse().statusCode());
        assertAwsError(CodeSigningConfigNotFoundException.class, "CodeSigningConfigNotFoundException", 404,
                () -> lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(c.codeSigningConfigArn())));
    }
}
