package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** PublishVersion, ListVersionsByFunction and the alias operations. */
class VersionsAliasesIT extends LambdaTestSupport {

    @Test
    void publishNumbersVersionsAndPublishesNothingWhenUnchanged() {
        String name = unique("fn");
        CreateFunctionResponse c = createEcho(name);
        PublishVersionResponse v1 = lambda.publishVersion(b -> b.functionName(name).description("first"));
        assertEquals("1", v1.version());
        assertEquals(c.functionArn() + ":1", v1.functionArn());
        assertEquals("first", v1.description());
        assertEquals(c.codeSha256(), v1.codeSha256());
        assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version(), "unchanged: the latest version");
        lambda.updateFunctionConfiguration(b -> b.functionName(name).timeout(10));
        assertEquals("2", lambda.publishVersion(b -> b.functionName(name)).version());
        InvalidParameterValueException sha = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400,
                () -> lambda.publishVersion(b -> b.functionName(name).codeSha256("AAAA")));
        assertTrue(sha.awsErrorDetails().errorMessage().startsWith(
                "CodeSHA256 (AAAA) is different from current CodeSHA256 in $LATEST"));
        assertAwsError(PreconditionFailedException.class, "PreconditionFailedException", 412,
                () -> lambda.publishVersion(b -> b.functionName(name).revisionId(c.revisionId())));
        List<String> versions = lambda.listVersionsByFunction(b -> b.functionName(name)).versions().stream()
                .map(FunctionConfiguration::version).toList();
        assertEquals(List.of("$LATEST", "1", "2"), versions);
        var page = lambda.listVersionsByFunction(b -> b.functionName(name).maxItems(2));
        assertEquals(2, page.versions().size());
        assertEquals(List.of("2"), lambda.listVersionsByFunction(b -> b.functionName(name)
                .marker(page.nextMarker())).versions().stream().map(FunctionConfiguration::version).toList());
        // a published version keeps its configuration
        assertEquals(3, lambda.getFunctionConfiguration(b -> b.functionName(name).qualifier("1")).timeout());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.publishVersion(b -> b.functionName(unique("missing"))));
    }

    @Test
    void aliasesAreCreatedReadUpdatedListedAndDeleted() {
        String name = unique("fn");
        CreateFunctionResponse c = createEcho(name);
        lambda.publishVersion(b -> b.functionName(name));
        lambda.updateFunctionConfiguration(b -> b.functionName(name).timeout(9));
        lambda.publishVersion(b -> b.functionName(name));
        CreateAliasResponse a = lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1")
                .description("prod"));
        assertEquals(c.functionArn() + ":live", a.aliasArn());
        assertEquals("1", a.functionVersion());
        ResourceConflictException dup = assertAwsError(ResourceConflictException.class, "ResourceConflictException",
                409, () -> lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1")));
        assertEquals("Alias already exists: " + c.functionArn() + ":live", dup.awsErrorDetails().errorMessage());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.createAlias(b -> b.functionName(name).name("beta").functionVersion("7")));

        var updated = lambda.updateAlias(b -> b.functionName(name).name("live").functionVersion("2")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.25))));
        assertEquals("2", updated.functionVersion());
        assertEquals(Map.of("1", 0.25), updated.routingConfig().additionalVersionWeights());
        assertEquals("prod", updated.description());
        assertNotEquals(a.revisionId(), updated.revisionId());
        assertAwsError(PreconditionFailedException.class, "PreconditionFailedException", 412,
                () -> lambda.updateAlias(b -> b.functionName(name).name("live").revisionId(a.revisionId())));
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.updateAlias(b -> b.functionName(name).name("live")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.5)))));
        assertEquals("2", lambda.getAlias(b -> b.functionName(name).name("live")).functionVersion());
        // the alias qualifies reads of the function
        assertEquals(c.functionArn() + ":live",
                lambda.getFunctionConfiguration(b -> b.functionName(name).qualifier("live")).functionArn());

        lambda.createAlias(b -> b.functionName(name).name("old").functionVersion("1"));
        assertEquals(List.of("live", "old"), lambda.listAliases(b -> b.functionName(name)).aliases().stream()
                .map(AliasConfiguration::name).toList());
        assertEquals(List.of("old"), lambda.listAliases(b -> b.functionName(name).functionVersion("1")).aliases()
                .stream().map(AliasConfiguration::name).toList());
        ResourceConflictException inUse = assertAwsError(ResourceConflictException.class,
                "ResourceConflictException", 409, () -> lambda.deleteFunction(b -> b.functionName(name).qualifier("1")));
        assertTrue(inUse.awsErrorDetails().errorMessage().contains("old"), inUse.getMessage());

        lambda.deleteAlias(b -> b.functionName(name).name("old"));
        ResourceNotFoundException gone = assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                404, () -> lambda.getAlias(b -> b.functionName(name).name("old")));
        assertEquals("Cannot find alias arn: " + c.functionArn() + ":old", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void anAliasNameMayNotBeANumber() {
        String name = unique("fn");
        createEcho(name);
        assertAwsError(software.amazon.awssdk.services.lambda.model.LambdaException.class, "ValidationException", 400,
                () -> lambda.createAlias(b -> b.functionName(name).name("123").functionVersion("$LATEST")));
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO + "\n"))));
        assertEquals("$LATEST", lambda.createAlias(b -> b.functionName(name).name("dev").functionVersion("$LATEST"))
                .functionVersion());
    }

    @Test
    void listsValidateMaxItemsAgainstEachShapesLimit() {
        String name = unique("fn");
        createEcho(name);
        for (Executable call : List.<Executable>of(
                () -> lambda.listVersionsByFunction(b -> b.functionName(name).maxItems(10_001)),
                () -> lambda.listAliases(b -> b.functionName(name).maxItems(10_001)),
                () -> lambda.listFunctionEventInvokeConfigs(b -> b.functionName(name).maxItems(51)),
                () -> lambda.listEventSourceMappings(b -> b.functionName(name).maxItems(10_001)))) {
            LambdaException e = assertAwsError(LambdaException.class, "ValidationException", 400, call);
            assertTrue(e.awsErrorDetails().errorMessage().contains("at 'maxItems' failed to satisfy constraint: "
                    + "Member must have value less than or equal to"), e.awsErrorDetails().errorMessage());
        }
        assertEquals(1, lambda.listVersionsByFunction(b -> b.functionName(name).maxItems(10_000)).versions().size());
    }

    @Test
    void anAliasNameLongerThan128IsALengthError() {
        String name = unique("fn");
        createEcho(name);
        LambdaException e = assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createAlias(b -> b.functionName(name).name("a".repeat(129)).functionVersion("$LATEST")));
        assertTrue(e.awsErrorDetails().errorMessage().endsWith("at 'name' failed to satisfy constraint: Member must "
                + "have length less than or equal to 128"), e.awsErrorDetails().errorMessage());
    }
}
