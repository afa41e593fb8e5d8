package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** CreateFunction, GetFunction(Configuration), ListFunctions, DeleteFunction and the updates, through the SDK. */
class FunctionsIT extends LambdaTestSupport {

    @Test
    void createAnswersPendingWithAwsDefaultsAndTheCodeHash() throws Exception {
        String name = unique("fn");
        byte[] zip = zip("app.py", PY_ECHO);
        CreateFunctionResponse c = lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                .handler("app.handler").description("echo").code(x -> x.zipFile(SdkBytes.fromByteArray(zip))));
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
        assertEquals(201, c.sdkHttpResponse().statusCode(), "CreateFunction answers 201 Created");
        assertEquals(sha, c.codeSha256());
        assertEquals((long) zip.length, c.codeSize());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name, c.functionArn());
        assertEquals(State.PENDING, c.state());
        assertEquals("Creating", c.stateReasonCodeAsString());
        assertEquals(3, c.timeout());
        assertEquals(128, c.memorySize());
        assertEquals(List.of("x86_64"), c.architecturesAsStrings());
        assertEquals("Zip", c.packageTypeAsString());
        assertEquals("$LATEST", c.version());
        assertEquals("echo", c.description());
        assertTrue(c.lastModified().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"), c.lastModified());
        assertTrue(c.revisionId().matches("[0-9a-f-]{36}"));

        var later = lambda.getFunctionConfiguration(b -> b.functionName(name));
        assertEquals(State.ACTIVE, later.state());
        assertEquals(LastUpdateStatus.SUCCESSFUL, later.lastUpdateStatus());
        assertEquals(c.revisionId(), later.revisionId());
        // the SDK's waiter sees it active
        assertEquals(State.ACTIVE, lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name))
                .matched().response().get().configuration().state());
    }

    @Test
    void getFunctionServesTheCodeAtItsLocationAndShowsTagsAndConcurrency() throws Exception {
        String name = unique("fn");
        byte[] zip = zip("app.py", PY_ECHO);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .tags(Map.of("team", "blue")).code(x -> x.zipFile(SdkBytes.fromByteArray(zip))));
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(7));
        GetFunctionResponse g = lambda.getFunction(b -> b.functionName(name));
        assertEquals("S3", g.code().repositoryType());
        assertEquals(Map.of("team", "blue"), g.tags());
        assertEquals(7, g.concurrency().reservedConcurrentExecutions());
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(g.code().location())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(zip, download.body());
        // by ARN, and by partial ARN
        assertEquals(name, lambda.getFunction(b -> b.functionName(g.configuration().functionArn()))
                .configuration().functionName());
        assertEquals(name, lambda.getFunction(b -> b.functionName("000000000000:function:" + name))
                .configuration().functionName());
    }

    @Test
    void aSecondFunctionOfTheSameNameConflicts() {
        String name = unique("fn");
        createEcho(name);
        ResourceConflictException e = assertAwsError(ResourceConflictException.class, "ResourceConflictException",
                409, () -> createEcho(name));
        assertEquals("Function already exist: " + name, e.awsErrorDetails().errorMessage());
    }

    @Test
    void createValidatesLikeAws() {
        String name = unique("fn");
        byte[] zip = zip("app.py", PY_ECHO);
        LambdaException role = assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("not-a-role")
                        .handler("app.handler").code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertTrue(role.awsErrorDetails().errorMessage().startsWith(
                "1 validation error detected: Value 'not-a-role' at 'role' failed to satisfy constraint"));
        LambdaException runtime = assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName(name).runtime("python9.9").role(ROLE)
                        .handler("app.handler").code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertTrue(runtime.awsErrorDetails().errorMessage().contains("Member must satisfy enum value set: ["));
        InvalidParameterValueException old = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(name)
                        .runtime("python2.7").role(ROLE).handler("app.handler")
                        .code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertTrue(old.awsErrorDetails().errorMessage().startsWith(
                "The runtime parameter of python2.7 is no longer supported"));
        InvalidParameterValueException handler = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(name)
                        .runtime("python3.12").role(ROLE).code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertEquals("Runtime and Handler are mandatory parameters for functions created with deployment packages.",
                handler.awsErrorDetails().errorMessage());
        LambdaException memory = assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                        .handler("app.handler").memorySize(64).code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertTrue(memory.awsErrorDetails().errorMessage().endsWith("Member must have value greater than or equal to 128"));
        assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                        .handler("app.handler").timeout(901).code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName("x".repeat(65)).runtime("python3.12").role(ROLE)
                        .handler("app.handler").code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName("bad name!").runtime("python3.12").role(ROLE)
                        .handler("app.handler").code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        // nothing was created by the failed attempts
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getFunction(b -> b.functionName(name)));
    }

    @Test
    void environmentRejectsReservedKeysAndMoreThanFourKilobytes() {
        String name = unique("fn");
        byte[] zip = zip("app.py", PY_ECHO);
        InvalidParameterValueException reserved = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(name)
                        .runtime("python3.12").role(ROLE).handler("app.handler")
                        .environment(e -> e.variables(Map.of("AWS_REGION", "eu-west-1")))
                        .code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertEquals("Lambda was unable to configure your environment variables because the environment variables you "
                + "have provided contains reserved keys that are currently not supported for modification. Reserved "
                + "keys used in this request: AWS_REGION", reserved.awsErrorDetails().errorMessage());
        InvalidParameterValueException big = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(name)
                        .runtime("python3.12").role(ROLE).handler("app.handler")
                        .environment(e -> e.variables(Map.of("BIG", "x".repeat(4100))))
                        .code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertTrue(big.awsErrorDetails().errorMessage().contains("exceeded the 4KB limit"));
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .environment(e -> e.variables(Map.of("GREETING", "hi")))
                .code(x -> x.zipFile(SdkBytes.fromByteArray(zip))));
        assertEquals(Map.of("GREETING", "hi"), lambda.getFunctionConfiguration(b -> b.functionName(name))
                .environment().variables());
    }

    @Test
    void environmentKeysOfOneCharacterFailTheShapeConstraintBeforeReservedKeysAreChecked() {
        String name = unique("fn");
        byte[] zip = zip("app.py", PY_ECHO);
        for (String key : List.of("A", "_HANDLER", "MY-VAR")) {
            LambdaException e = assertAwsError(LambdaException.class, "ValidationException", 400,
                    () -> lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                            .handler("app.handler").environment(v -> v.variables(Map.of(key, "secret")))
                            .code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
            // the values are sensitive: AWS's message names the member, not the map
            assertEquals("1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: "
                    + "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: "
                    + "[a-zA-Z]([a-zA-Z0-9_])+]", e.awsErrorDetails().errorMessage(), key);
        }
    }

    @Test
    void ephemeralStorageIsBetween512And10240Megabytes() {
        String name = unique("fn");
        byte[] zip = zip("app.py", PY_ECHO);
        LambdaException create = assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                        .handler("app.handler").ephemeralStorage(s -> s.size(10_241))
                        .code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertEquals("1 validation error detected: Value '10241' at 'ephemeralStorage.size' failed to satisfy "
                + "constraint: Member must have value less than or equal to 10240", create.awsErrorDetails().errorMessage());
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .ephemeralStorage(s -> s.size(10_240)).code(x -> x.zipFile(SdkBytes.fromByteArray(zip))));
        LambdaException update = assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).ephemeralStorage(s -> s.size(511))));
        assertTrue(update.awsErrorDetails().errorMessage().endsWith("Member must have value greater than or equal to 512"));
        assertEquals(10_240, lambda.getFunctionConfiguration(b -> b.functionName(name)).ephemeralStorage().size());
    }

    @Test
    void layersThatDoNotExistAreRefused() {
        String name = unique("fn");
        byte[] zip = zip("app.py", PY_ECHO);
        String layer = "arn:aws:lambda:us-east-1:000000000000:layer:missing:1";
        InvalidParameterValueException unknown = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(name)
                        .runtime("python3.12").role(ROLE).handler("app.handler").layers(layer)
                        .code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertEquals("Layer version " + layer + " does not exist.", unknown.awsErrorDetails().errorMessage());
        LambdaException malformed = assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                        .handler("app.handler").layers("arn:aws:lambda:us-east-1:000000000000:layer:missing:latest")
                        .code(x -> x.zipFile(SdkBytes.fromByteArray(zip)))));
        assertTrue(malformed.awsErrorDetails().errorMessage().contains("at 'layers' failed to satisfy constraint"));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getFunction(b -> b.functionName(name)));
        createEcho(name);
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).layers(layer)));
        // an empty list removes a function's layers, and is accepted
        lambda.updateFunctionConfiguration(b -> b.functionName(name).layers(List.of()));
    }

    @Test
    void configurationsReportSnapStartOffAndTheRuntimeVersion() {
        String name = unique("fn");
        CreateFunctionResponse c = createEcho(name);
        assertEquals(SnapStartApplyOn.NONE, c.snapStart().applyOn());
        assertEquals(SnapStartOptimizationStatus.OFF, c.snapStart().optimizationStatus());
        FunctionConfiguration got = lambda.getFunction(b -> b.functionName(name)).configuration();
        assertEquals(c.snapStart(), got.snapStart());
        assertTrue(got.runtimeVersionConfig().runtimeVersionArn().matches("arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}"),
                got.runtimeVersionConfig().runtimeVersionArn());
        assertEquals(got.runtimeVersionConfig(), lambda.publishVersion(b -> b.functionName(name)).runtimeVersionConfig());
    }

    @Test
    void masterRegionListsOnlyLambdaAtEdgeReplicasOfWhichThereAreNone() {
        createEcho(unique("fn"));
        assertFalse(lambda.listFunctions(b -> b.functionVersion("ALL")).functions().isEmpty());
        assertTrue(lambda.listFunctions(b -> b.masterRegion("us-east-1").functionVersion("ALL")).functions().isEmpty());
        assertAwsError(LambdaException.class, "ValidationException", 400,
                () -> lambda.listFunctions(b -> b.masterRegion("nowhere").functionVersion("ALL")));
    }

    @Test
    void packagesThatAreNoZipOrEscapeTheirDirectoryAreRefused() {
        String name = unique("fn");
        InvalidParameterValueException notZip = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(name)
                        .runtime("python3.12").role(ROLE).handler("app.handler")
                        .code(x -> x.zipFile(SdkBytes.fromUtf8String("this is not a zip")))));
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.",
                notZip.awsErrorDetails().errorMessage());
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                        .handler("app.handler").code(x -> x.zipFile(SdkBytes.fromByteArray(
                                zip("../../escape.py", "x = 1"))))));
    }

    @Test
    void s3CodeFromABucketThatDoesNotExistIsAnInvalidParameter() {
        InvalidParameterValueException e = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(unique("fn"))
                        .runtime("python3.12").role(ROLE).handler("app.handler")
                        .code(x -> x.s3Bucket(unique("no-such-bucket")).s3Key("code.zip"))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("NoSuchBucket"), e.getMessage());
    }

    @Test
    void listFunctionsPagesAndListsEveryVersionWithAll() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = unique("list");
            createEcho(name);
            names.add(name);
        }
        lambda.publishVersion(b -> b.functionName(names.get(0)));
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(1).marker(m));
            assertTrue(page.functions().size() <= 1);
            page.functions().forEach(f -> seen.add(f.functionName()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertTrue(seen.containsAll(names));
        assertEquals(seen.size(), pages);
        List<String> all = lambda.listFunctionsPaginator(b -> b.functionVersion("ALL")).functions().stream()
                .filter(f -> f.functionName().equals(names.get(0))).map(FunctionConfiguration::version).toList();
        assertEquals(List.of("$LATEST", "1"), all);
    }

    @Test
    void listFunctionsAnswersAtMostFiftyAndLeavesOutStatesAndTheRuntimeVersion() {
        for (int i = 0; i < 51; i++) {
            createEcho(unique("many"));
        }
        ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(10_000));
        assertEquals(50, page.functions().size());
        assertTrue(page.nextMarker() != null);
        FunctionConfiguration listed = page.functions().get(0);
        assertNull(listed.state());
        assertNull(listed.lastUpdateStatus());
        assertNull(listed.runtimeVersionConfig());
        assertEquals("Zip", listed.packageTypeAsString());
        var got = lambda.getFunctionConfiguration(b -> b.functionName(listed.functionName()));
        assertEquals(State.ACTIVE, got.state());
        assertTrue(got.runtimeVersionConfig() != null);
    }

    @Test
    void deleteRemovesTheFunctionOrOneVersion() {
        String name = unique("fn");
        createEcho(name);
        lambda.publishVersion(b -> b.functionName(name));
        InvalidParameterValueException latest = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400,
                () -> lambda.deleteFunction(b -> b.functionName(name).qualifier("$LATEST")));
        assertEquals("$LATEST version cannot be deleted without deleting the function.",
                latest.awsErrorDetails().errorMessage());
        lambda.deleteFunction(b -> b.functionName(name).qualifier("1"));
        ResourceNotFoundException version = assertAwsError(ResourceNotFoundException.class,
                "ResourceNotFoundException", 404, () -> lambda.getFunction(b -> b.functionName(name).qualifier("1")));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + name + ":1",
                version.awsErrorDetails().errorMessage());
        lambda.deleteFunction(b -> b.functionName(name));
        ResourceNotFoundException gone = assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                404, () -> lambda.getFunction(b -> b.functionName(name)));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + name,
                gone.awsErrorDetails().errorMessage());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.deleteFunction(b -> b.functionName(name)));
        createEcho(name); // the name is free again
    }

    @Test
    void updateFunctionCodeReplacesTheCodeHonoursRevisionAndDryRun() {
        String name = unique("fn");
        CreateFunctionResponse c = createEcho(name);
        byte[] v2 = zip("app.py", "def handler(e, c):\n    return 2\n");
        UpdateFunctionCodeResponse dry = lambda.updateFunctionCode(b -> b.functionName(name).dryRun(true)
                .zipFile(SdkBytes.fromByteArray(v2)));
        assertNotEquals(c.codeSha256(), dry.codeSha256());
        assertEquals(c.codeSha256(), lambda.getFunctionConfiguration(b -> b.functionName(name)).codeSha256());
        PreconditionFailedException stale = assertAwsError(PreconditionFailedException.class,
                "PreconditionFailedException", 412, () -> lambda.updateFunctionCode(b -> b.functionName(name)
                        .revisionId("00000000-0000-4000-8000-000000000000").zipFile(SdkBytes.fromByteArray(v2))));
        assertTrue(stale.awsErrorDetails().errorMessage().startsWith("The Revision Id provided does not match"));
        UpdateFunctionCodeResponse u = lambda.updateFunctionCode(b -> b.functionName(name).revisionId(c.revisionId())
                .zipFile(SdkBytes.fromByteArray(v2)).publish(true));
        assertEquals("1", u.version());
        assertEquals(dry.codeSha256(), u.codeSha256());
        assertNotEquals(c.revisionId(), lambda.getFunctionConfiguration(b -> b.functionName(name)).revisionId());
    }

    @Test
    void updateFunctionConfigurationReportsInProgressThenSuccessful() {
        String name = unique("fn");
        CreateFunctionResponse c = createEcho(name);
        UpdateFunctionConfigurationResponse u = lambda.updateFunctionConfiguration(b -> b.functionName(name)
                .timeout(30).memorySize(512).description("bigger")
                .environment(e -> e.variables(Map.of("MODE", "prod"))));
        assertEquals(LastUpdateStatus.IN_PROGRESS, u.lastUpdateStatus());
        assertEquals(30, u.timeout());
        var after = lambda.getFunctionConfiguration(b -> b.functionName(name));
        assertEquals(LastUpdateStatus.SUCCESSFUL, after.lastUpdateStatus());
        assertEquals(512, after.memorySize());
        assertEquals("bigger", after.description());
        assertEquals(c.codeSha256(), after.codeSha256());
        assertEquals(Map.of("MODE", "prod"), after.environment().variables());
        assertAwsError(PreconditionFailedException.class, "PreconditionFailedException", 412,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).revisionId(c.revisionId())
                        .timeout(5)));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(unique("missing")).timeout(5)));
        assertEquals(LastUpdateStatus.SUCCESSFUL, lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name))
                .matched().response().get().configuration().lastUpdateStatus());
    }

    @Test
    void accountSettingsCountFunctionsAndUnreservedConcurrency() {
        Map<String, Object> before = new HashMap<>();
        var s = lambda.getAccountSettings(b -> { });
        before.put("count", s.accountUsage().functionCount());
        String name = unique("fn");
        createEcho(name);
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(50));
        var after = lambda.getAccountSettings(b -> { });
        assertEquals((long) before.get("count") + 1, after.accountUsage().functionCount());
        assertEquals(52_428_800L, after.accountLimit().codeSizeZipped());
        assertEquals(262_144_000L, after.accountLimit().codeSizeUnzipped());
        assertEquals(s.accountLimit().unreservedConcurrentExecutions() - 50,
                after.accountLimit().unreservedConcurrentExecutions());
        assertFalse(after.accountUsage().totalCodeSize() <= s.accountUsage().totalCodeSize());
        lambda.deleteFunctionConcurrency(b -> b.functionName(name));
        assertNull(lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions());
    }
}
