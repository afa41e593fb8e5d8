package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddLayerVersionPermissionResponse;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Layers: publishing, reading, listing, deleting, permissions, and functions that import from them. */
class LayersIT extends LambdaTestSupport {

    private static Map<?, ?> json(String text) {
        try {
            return new ObjectMapper().readValue(text, Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PublishLayerVersionResponse publish(String name, byte[] zip, Runtime... runtimes) {
        return lambda.publishLayerVersion(b -> b.layerName(name).description("d").licenseInfo("MIT")
                .compatibleRuntimes(runtimes).compatibleArchitectures(Architecture.X86_64)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    @Test
    void publishGetListAndDeleteVersions() throws Exception {
        String name = unique("layer");
        byte[] zip = zip("python/helper.py", "X = 1\n");
        PublishLayerVersionResponse v1 = publish(name, zip, Runtime.PYTHON3_12);
        assertEquals(201, v1.sdkHttpResponse().statusCode());
        assertEquals(1L, v1.version());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:layer:" + name, v1.layerArn());
        assertEquals(v1.layerArn() + ":1", v1.layerVersionArn());
        assertEquals(zip.length, v1.content().codeSize());
        assertEquals(List.of(Runtime.PYTHON3_12), v1.compatibleRuntimes());
        assertEquals("MIT", v1.licenseInfo());
        assertTrue(v1.createdDate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"), v1.createdDate());
        PublishLayerVersionResponse v2 = publish(name, zip("nodejs/node_modules/x/index.js", "1"), Runtime.NODEJS20_X);
        assertEquals(2L, v2.version());

        GetLayerVersionResponse got = lambda.getLayerVersion(b -> b.layerName(name).versionNumber(1L));
        assertEquals(v1.content().codeSha256(), got.content().codeSha256());
        assertEquals(v1.layerVersionArn(), got.layerVersionArn());
        assertEquals(v1.layerVersionArn(),
                lambda.getLayerVersionByArn(b -> b.arn(v1.layerVersionArn())).layerVersionArn());
        // the content can be downloaded from Content.Location
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(got.content().location())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertEquals(zip.length, download.body().length);

        List<LayerVersionsListItem> versions = lambda.listLayerVersions(b -> b.layerName(name)).layerVersions();
        assertEquals(List.of(2L, 1L), versions.stream().map(LayerVersionsListItem::version).toList());
        assertEquals(List.of(1L), lambda.listLayerVersions(b -> b.layerName(v1.layerArn())
                .compatibleRuntime(Runtime.PYTHON3_12)).layerVersions().stream().map(LayerVersionsListItem::version)
                .toList());
        var listed = lambda.listLayers(b -> b.compatibleRuntime(Runtime.PYTHON3_12)).layers().stream()
                .filter(l -> l.layerName().equals(name)).findFirst().orElseThrow();
        assertEquals(1L, listed.latestMatchingVersion().version());
        assertEquals(v1.layerArn(), listed.layerArn());

        lambda.deleteLayerVersion(b -> b.layerName(name).versionNumber(1L));
        lambda.deleteLayerVersion(b -> b.layerName(name).versionNumber(1L)); // idempotent
        ResourceNotFoundException gone = assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                404, () -> lambda.getLayerVersion(b -> b.layerName(name).versionNumber(1L)));
        assertEquals("The resource you requested does not exist.", gone.awsErrorDetails().errorMessage());
        lambda.deleteLayerVersion(b -> b.layerName(name).versionNumber(2L));
        assertTrue(lambda.listLayers().layers().stream().noneMatch(l -> l.layerName().equals(name)));
        // numbers are not reused
        assertEquals(3L, publish(name, zip).version());
    }

    @Test
    void layerVersionPermissions() throws Exception {
        String name = unique("layer");
        PublishLayerVersionResponse v = publish(name, zip("python/shared.py", "Y = 2\n"), Runtime.PYTHON3_12);
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getLayerVersionPolicy(b -> b.layerName(name).versionNumber(1L)));

        LambdaClient other = AwsClients.client(LambdaClient.builder(), gureum.endpoint(), "111111111111", "us-east-1");
        try (other) {
            LambdaException denied = assertAwsError(LambdaException.class, "AccessDeniedException", 403,
                    () -> other.getLayerVersionByArn(b -> b.arn(v.layerVersionArn())));
            assertTrue(denied.awsErrorDetails().errorMessage().contains("lambda:GetLayerVersion"));

            AddLayerVersionPermissionResponse added = lambda.addLayerVersionPermission(b -> b.layerName(name)
                    .versionNumber(1L).statementId("xaccount").action("lambda:GetLayerVersion")
                    .principal("111111111111"));
            assertEquals(201, added.sdkHttpResponse().statusCode());
            assertEquals(Map.of("Sid", "xaccount", "Effect", "Allow",
                    "Principal", Map.of("AWS", "arn:aws:iam::111111111111:root"), "Action", "lambda:GetLayerVersion",
                    "Resource", v.layerVersionArn()), new ObjectMapper().readValue(added.statement(), Map.class));
            assertAwsError(ResourceConflictException.class, "ResourceConflictException", 409,
                    () -> lambda.addLayerVersionPermission(b -> b.layerName(name).versionNumber(1L)
                            .statementId("xaccount").action("lambda:GetLayerVersion").principal("*")));
            assertAwsError(PreconditionFailedException.class, "PreconditionFailedException", 412,
                    () -> lambda.addLayerVersionPermission(b -> b.layerName(name).versionNumber(1L)
                            .statementId("org").action("lambda:GetLayerVersion").principal("*")
                            .organizationId("o-abcdefghij").revisionId("stale")));
            var policy = lambda.getLayerVersionPolicy(b -> b.layerName(name).versionNumber(1L));
            assertEquals(added.revisionId(), policy.revisionId());
            assertTrue(policy.policy().startsWith("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{"),
                    policy.policy());

            // the granted account reads it and attaches it to its own function
            assertEquals(v.layerVersionArn(),
                    other.getLayerVersionByArn(b -> b.arn(v.layerVersionArn())).layerVersionArn());
            var created = other.createFunction(b -> b.functionName(unique("fn")).runtime("python3.12")
                    .role("arn:aws:iam::111111111111:role/r").handler("app.handler").layers(v.layerVersionArn())
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO)))));
            assertEquals(v.layerVersionArn(), created.layers().get(0).arn());

            lambda.removeLayerVersionPermission(b -> b.layerName(name).versionNumber(1L).statementId("xaccount"));
            ResourceNotFoundException missing = assertAwsError(ResourceNotFoundException.class,
                    "ResourceNotFoundException", 404, () -> lambda.removeLayerVersionPermission(
                            b -> b.layerName(name).versionNumber(1L).statementId("xaccount")));
            assertEquals("Statement xaccount is not found in resource policy.", missing.awsErrorDetails().errorMessage());
            assertAwsError(LambdaException.class, "AccessDeniedException", 403,
                    () -> other.getLayerVersion(b -> b.layerName(v.layerArn()).versionNumber(1L)));
        }
    }

    @Test
    void functionsReferenceAtMostFiveLayersOfDistinctLayers() {
        String a = unique("layer");
        PublishLayerVersionResponse a1 = publish(a, zip("python/a.py", "A = 1\n"));
        PublishLayerVersionResponse a2 = publish(a, zip("python/a.py", "A = 2\n"));
        byte[] code = zip("app.py", PY_ECHO);
        InvalidParameterValueException twice = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(unique("fn"))
                        .runtime("python3.12").role(ROLE).handler("app.handler")
                        .layers(a1.layerVersionArn(), a2.layerVersionArn())
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))));
        assertEquals("Two different versions of the same layer are not allowed to be referenced in the same function. "
                + a1.layerVersionArn() + " and " + a2.layerVersionArn() + " are versions of the same layer.",
                twice.awsErrorDetails().errorMessage());
        List<String> six = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(publish(unique("layer"), zip("python/m" + i + ".py", "")).layerVersionArn());
        }
        InvalidParameterValueException tooMany = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(unique("fn"))
                        .runtime("python3.12").role(ROLE).handler("app.handler").layers(six)
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))));
        assertEquals("Cannot reference more than 5 layers.", tooMany.awsErrorDetails().errorMessage());
        String otherRegion = a2.layerVersionArn().replace("us-east-1", "eu-west-1");
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.createFunction(b -> b.functionName(unique("fn")).runtime("python3.12").role(ROLE)
                        .handler("app.handler").layers(otherRegion).code(c -> c.zipFile(SdkBytes.fromByteArray(code)))));
    }

    /** The function imports a module of one layer and a package of another's site-packages; a later layer wins. */
    @Test
    void pythonFunctionImportsFromItsLayers() {
        String first = unique("layer");
        String second = unique("layer");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("python/greeting.py", "WORD = 'first'\n");
        files.put("python/lib/python3.12/site-packages/sitepkg/__init__.py", "VALUE = 'site'\n");
        PublishLayerVersionResponse l1 = publish(first, zip(files));
        PublishLayerVersionResponse l2 = publish(second, zip("python/greeting.py", "WORD = 'second'\n"));
        String fn = unique("fn");
        String code = "import greeting, sitepkg\n\ndef handler(event, context):\n"
                + "    return {'word': greeting.WORD, 'site': sitepkg.VALUE}\n";
        var created = lambda.createFunction(b -> b.functionName(fn).runtime("python3.12").role(ROLE)
                .handler("app.handler").layers(l1.layerVersionArn(), l2.layerVersionArn())
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", code)))));
        assertEquals(List.of(l1.layerVersionArn(), l2.layerVersionArn()),
                created.layers().stream().map(software.amazon.awssdk.services.lambda.model.Layer::arn).toList());
        var out = lambda.invoke(b -> b.functionName(fn));
        assertNull(out.functionError(), out.payload().asUtf8String());
        assertEquals(Map.of("word", "second", "site", "site"), json(out.payload().asUtf8String()));

        // removing the layers makes the import fail
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).layers(List.of()));
        assertTrue(lambda.getFunctionConfiguration(b -> b.functionName(fn)).layers().isEmpty());
        var failed = lambda.invoke(b -> b.functionName(fn));
        assertEquals("Unhandled", failed.functionError());
        assertTrue(failed.payload().asUtf8String().contains("greeting"), failed.payload().asUtf8String());
    }

    @Test
    void nodeFunctionRequiresFromItsLayer() {
        String layer = unique("layer");
        PublishLayerVersionResponse l = publish(layer,
                zip("nodejs/node_modules/shared-lib/index.js", "module.exports = { answer: 42 };\n"));
        String fn = unique("fn");
        String code = "const lib = require('shared-lib');\nexports.handler = async () => ({ answer: lib.answer });\n";
        lambda.createFunction(b -> b.functionName(fn).runtime("nodejs20.x").role(ROLE).handler("index.handler")
                .layers(l.layerVersionArn())
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("index.js", code)))));
        var out = lambda.invoke(b -> b.functionName(fn));
        assertNull(out.functionError(), out.payload().asUtf8String());
        assertEquals(Map.of("answer", 42), json(out.payload().asUtf8String()));
    }
}
