package io.gureum.lambda;

import static io.gureum.lambda.LambdaTestSupport.ROLE;
import static io.gureum.lambda.LambdaTestSupport.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.RecursiveLoop;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateRuntimeOn;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What Lambda finds again after a restart on the same --data-dir: functions with their code (old versions run their
 * old code), versions, aliases with routing, policies, concurrency, invoke configs, recursion and runtime settings,
 * URLs, code signing configs, layers with permissions, event source mappings that poll again, tags; and acknowledged
 * asynchronous invocations, which still run.
 */
class LambdaRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSIONED = "import os\n\ndef handler(event, context):\n    return {'code': 'CODE', "
            + "'env': os.environ.get('COLOUR')}\n";
    private static final String WITH_LAYER = "import helper\n\ndef handler(event, context):\n    return helper.X\n";
    private static final String RECORDER = "def handler(event, context):\n    print('got', len(event['Records']))\n"
            + "    return {}\n";
    private static final String FAILING = "def handler(event, context):\n    raise Exception('boom')\n";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static String code(String marker) {
        return VERSIONED.replace("CODE", marker);
    }

    private static SdkBytes zipOf(String name, String content) {
        return SdkBytes.fromByteArray(zip(name, content));
    }

    private static JsonNode invoke(LambdaClient lambda, String name, String qualifier) throws Exception {
        InvokeResponse r = lambda.invoke(b -> b.functionName(name).qualifier(qualifier)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertEquals(null, r.functionError(), r.payload().asUtf8String());
        return JSON.readTree(r.payload().asUtf8String());
    }

    @Test
    void functionsAndEverythingHangingOffThemSurviveARestart() throws Exception {
        String queueArn;
        String queueUrl;
        String mappingUuid;
        String urlId;
        String signingArn;
        String layerVersionArn;
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            lambda.createFunction(b -> b.functionName("kept").runtime("python3.12").role(ROLE).handler("app.handler")
                    .description("survives").timeout(7).environment(e -> e.variables(Map.of("COLOUR", "blue")))
                    .tags(Map.of("team", "a")).code(c -> c.zipFile(zipOf("app.py", code("one")))));
            lambda.publishVersion(b -> b.functionName("kept"));
            lambda.updateFunctionCode(b -> b.functionName("kept").zipFile(zipOf("app.py", code("two"))));
            lambda.publishVersion(b -> b.functionName("kept"));
            lambda.updateFunctionCode(b -> b.functionName("kept").zipFile(zipOf("app.py", code("three"))));
            lambda.createAlias(b -> b.functionName("kept").name("live").functionVersion("1")
                    .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.25))));
            lambda.addPermission(b -> b.functionName("kept").statementId("sns").action("lambda:InvokeFunction")
                    .principal("sns.amazonaws.com"));
            lambda.putFunctionConcurrency(b -> b.functionName("kept").reservedConcurrentExecutions(5));
            lambda.putProvisionedConcurrencyConfig(b -> b.functionName("kept").qualifier("live")
                    .provisionedConcurrentExecutions(2));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("kept").maximumRetryAttempts(1));
            lambda.putFunctionRecursionConfig(b -> b.functionName("kept").recursiveLoop(RecursiveLoop.ALLOW));
            lambda.putRuntimeManagementConfig(b -> b.functionName("kept").updateRuntimeOn(UpdateRuntimeOn.FUNCTION_UPDATE));
            String url = lambda.createFunctionUrlConfig(b -> b.functionName("kept").authType(FunctionUrlAuthType.NONE))
                    .functionUrl();
            urlId = URI.create(url).getHost().split("\\.")[0];
            lambda.addPermission(b -> b.functionName("kept").statementId("url").action("lambda:InvokeFunctionUrl")
                    .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
            signingArn = lambda.createCodeSigningConfig(b -> b.description("csc")
                    .allowedPublishers(p -> p.signingProfileVersionArns(
                            "arn:aws:signer:us-east-1:000000000000:/signing-profiles/p/abcdefghij"))
                    .tags(Map.of("k", "v"))).codeSigningConfig().codeSigningConfigArn();

            layerVersionArn = lambda.publishLayerVersion(b -> b.layerName("shared")
                    .content(c -> c.zipFile(zipOf("python/helper.py", "X = 'from the layer'\n")))).layerVersionArn();
            lambda.addLayerVersionPermission(b -> b.layerName("shared").versionNumber(1L).statementId("all")
                    .action("lambda:GetLayerVersion").principal("*"));
            String layerArn = layerVersionArn;
            lambda.createFunction(b -> b.functionName("layered").runtime("python3.12").role(ROLE)
                    .handler("app.handler").layers(layerArn).code(c -> c.zipFile(zipOf("app.py", WITH_LAYER))));

            lambda.createFunction(b -> b.functionName("recorder").runtime("python3.12").role(ROLE)
                    .handler("app.handler").code(c -> c.zipFile(zipOf("app.py", RECORDER))));
            queueUrl = sqs.createQueue(b -> b.queueName("source")).queueUrl();
            queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            mappingUuid = lambda.createEventSourceMapping(b -> b.functionName("recorder").eventSourceArn(queueArn)
                    .batchSize(5).tags(Map.of("m", "1"))).uuid();

            lambda.createFunction(b -> b.functionName("doomed").runtime("python3.12").role(ROLE)
                    .handler("app.handler").code(c -> c.zipFile(zipOf("app.py", code("x")))));
            lambda.deleteFunction(b -> b.functionName("doomed"));
        }

        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            var fn = lambda.getFunction(b -> b.functionName("kept"));
            FunctionConfiguration c = fn.configuration();
            assertEquals("survives", c.description());
            assertEquals(7, c.timeout());
            assertEquals(Map.of("COLOUR", "blue"), c.environment().variables());
            assertEquals(Map.of("team", "a"), fn.tags());
            assertEquals(5, fn.concurrency().reservedConcurrentExecutions());
            assertEquals(List.of("$LATEST", "1", "2"), lambda.listVersionsByFunction(b -> b.functionName("kept"))
                    .versions().stream().map(FunctionConfiguration::version).toList());

            // Each version runs the code it was published with: every package is still in the data directory.
            assertEquals("three", invoke(lambda, "kept", null).get("code").asText());
            assertEquals("blue", invoke(lambda, "kept", null).get("env").asText());
            assertEquals("one", invoke(lambda, "kept", "1").get("code").asText());
            assertEquals("two", invoke(lambda, "kept", "2").get("code").asText());

            var alias = lambda.getAlias(b -> b.functionName("kept").name("live"));
            assertEquals("1", alias.functionVersion());
            assertEquals(Map.of("2", 0.25), alias.routingConfig().additionalVersionWeights());
            String policy = lambda.getPolicy(b -> b.functionName("kept")).policy();
            assertTrue(policy.contains("\"Sid\":\"sns\"") && policy.contains("\"Sid\":\"url\""), policy);
            assertEquals(2, lambda.getProvisionedConcurrencyConfig(b -> b.functionName("kept").qualifier("live"))
                    .requestedProvisionedConcurrentExecutions());
            assertEquals(1, lambda.getFunctionEventInvokeConfig(b -> b.functionName("kept")).maximumRetryAttempts());
            assertEquals(RecursiveLoop.ALLOW, lambda.getFunctionRecursionConfig(b -> b.functionName("kept"))
                    .recursiveLoop());
            assertEquals(UpdateRuntimeOn.FUNCTION_UPDATE, lambda.getRuntimeManagementConfig(
                    b -> b.functionName("kept")).updateRuntimeOn());

            // The URL keeps its id and is served again.
            String url = lambda.getFunctionUrlConfig(b -> b.functionName("kept")).functionUrl();
            assertEquals(urlId, URI.create(url).getHost().split("\\.")[0]);
            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    g.endpoint().resolve("/_gureum/lambda/url/" + urlId + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode(), served.body());
            assertTrue(served.body().contains("three"), served.body());

            String csc = signingArn;
            assertEquals("csc", lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(csc)).codeSigningConfig()
                    .description());
            assertEquals(Map.of("k", "v"), lambda.listTags(b -> b.resource(csc)).tags());

            String lva = layerVersionArn;
            assertTrue(lambda.getLayerVersionByArn(b -> b.arn(lva)).content().codeSize() > 0);
            assertTrue(lambda.getLayerVersionPolicy(b -> b.layerName("shared").versionNumber(1L)).policy()
                    .contains("\"Sid\":\"all\""));
            assertEquals("from the layer", lambda.invoke(b -> b.functionName("layered")).payload().asUtf8String()
                    .replace("\"", ""));

            var mapping = lambda.getEventSourceMapping(b -> b.uuid(mappingUuid));
            assertEquals(5, mapping.batchSize());
            assertEquals("Enabled", mapping.state());
            assertEquals(Map.of("m", "1"), lambda.listTags(b -> b.resource(mapping.eventSourceMappingArn())).tags());
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("after the restart"));
            assertTrue(awaitEmpty(sqs, queueUrl), "the restored mapping polls its queue again");

            assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName("doomed")));
        }
        try (Stream<Path> files = Files.list(dataDir.resolve("lambda/code"))) {
            // kept: three packages (each twice: zip and unzipped directory); layered, recorder, the layer: one each
            assertEquals(12, files.filter(p -> !p.getFileName().toString().startsWith("_")).count(),
                    "the deleted function's package is removed at start; every other one stays");
        }
    }

    /** Capacity providers (state, tags), functions attached to them and their scaling configs survive a restart. */
    @Test
    void capacityProvidersAndScalingConfigsSurviveARestart() throws Exception {
        String providerArn;
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            providerArn = lambda.createCapacityProvider(b -> b.capacityProviderName("cp")
                    .vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"))
                    .permissionsConfig(p -> p.capacityProviderOperatorRoleArn(ROLE))
                    .capacityProviderScalingConfig(c -> c.maxVCpuCount(32)).tags(Map.of("k", "v")))
                    .capacityProvider().capacityProviderArn();
            String arn = providerArn;
            lambda.createFunction(b -> b.functionName("lmi").runtime("python3.12").role(ROLE).handler("app.handler")
                    .code(c -> c.zipFile(zipOf("app.py", code("one"))))
                    .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(
                            m -> m.capacityProviderArn(arn))));
            lambda.publishVersion(b -> b.functionName("lmi"));
            lambda.putFunctionScalingConfig(b -> b.functionName("lmi").qualifier("1")
                    .functionScalingConfig(c -> c.minExecutionEnvironments(2).maxExecutionEnvironments(3)));
            g.context().clock().advance(Duration.ofMinutes(5));
        }
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            var c = lambda.getCapacityProvider(b -> b.capacityProviderName("cp")).capacityProvider();
            assertEquals(32, c.capacityProviderScalingConfig().maxVCpuCount());
            assertEquals(Map.of("k", "v"), lambda.listTags(b -> b.resource(providerArn)).tags());
            assertEquals(2, lambda.listFunctionVersionsByCapacityProvider(b -> b.capacityProviderName("cp"))
                    .functionVersions().size());
            assertEquals(3, lambda.getFunctionScalingConfig(b -> b.functionName("lmi").qualifier("1"))
                    .appliedFunctionScalingConfig().maxExecutionEnvironments());
        }
    }

    /** A start that folds the journal into a snapshot captures Lambda's records; the next start reads them from it. */
    @Test
    void aSnapshotHoldsWhatTheJournalHeld() throws Exception {
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            lambda.createFunction(b -> b.functionName("snap").runtime("python3.12").role(ROLE).handler("app.handler")
                    .tags(Map.of("t", "1")).code(c -> c.zipFile(zipOf("app.py", code("one")))));
            lambda.publishVersion(b -> b.functionName("snap"));
            lambda.createAlias(b -> b.functionName("snap").name("prod").functionVersion("1"));
            lambda.publishLayerVersion(b -> b.layerName("snap-layer")
                    .content(c -> c.zipFile(zipOf("python/helper.py", "X = 1\n"))));
        }
        System.setProperty("gureum.compactBytes", "1");
        try (Gureum g = start()) {
            assertTrue(Files.list(dataDir.resolve("state")).anyMatch(p -> p.getFileName().toString()
                    .startsWith("snapshot-")), "the start-up compaction wrote a snapshot");
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            assertEquals("prod", lambda.getAlias(b -> b.functionName("snap").name("prod")).name());
            assertEquals(Map.of("t", "1"), lambda.getFunction(b -> b.functionName("snap")).tags());
            assertEquals("one", invoke(lambda, "snap", "prod").get("code").asText());
            assertEquals(1, lambda.listLayerVersions(b -> b.layerName("snap-layer")).layerVersions().size());
        }
    }

    /**
     * A DynamoDB stream mapping goes on after a restart with what was written since: nothing it processed comes again,
     * nothing new is skipped (DynamoDB's stream starts again empty after a restart, with the same ARN).
     */
    @Test
    void aStreamMappingGoesOnAfterARestart() throws Exception {
        String streamArn;
        String uuid;
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g);
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            streamArn = ddb.createTable(b -> b.tableName("streamed").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                    .tableDescription().latestStreamArn();
            lambda.createFunction(b -> b.functionName("keys").runtime("python3.12").role(ROLE).handler("app.handler")
                    .code(c -> c.zipFile(zipOf("app.py", KEYS))));
            String arn = streamArn;
            uuid = lambda.createEventSourceMapping(b -> b.functionName("keys").eventSourceArn(arn)
                    .startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid();
            for (String pk : List.of("a", "b")) {
                ddb.putItem(b -> b.tableName("streamed").item(Map.of("pk", AttributeValue.fromS(pk))));
            }
            assertEquals(List.of("a", "b"), keysSeen(g, 2));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!"OK".equals(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String mappingArn = lambda.getEventSourceMapping(b -> b.uuid(uuid)).eventSourceMappingArn();
            lambda.tagResource(b -> b.resource(mappingArn).tags(Map.of("seen", "a,b"))); // journals the position
        }
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g);
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            ddb.putItem(b -> b.tableName("streamed").item(Map.of("pk", AttributeValue.fromS("c"))));
            assertEquals(List.of("c"), keysSeen(g, 1));
            assertEquals(EventSourcePosition.TRIM_HORIZON, lambda.getEventSourceMapping(b -> b.uuid(uuid))
                    .startingPosition());
        }
    }

    private static final String KEYS = "def handler(event, context):\n    for r in event['Records']:\n"
            + "        print('KEY', r['dynamodb']['Keys']['pk']['S'])\n    return {}\n";

    /** The keys the "keys" function printed on this server, once it printed at least {@code n}. */
    private static List<String> keysSeen(Gureum g, int n) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (printedKeys(g).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(300); // a record delivered twice would show up by now
        return printedKeys(g);
    }

    private static List<String> printedKeys(Gureum g) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(g.endpoint().resolve(
                "/_gureum/lambda/logs?FunctionName=keys")).build(), HttpResponse.BodyHandlers.ofString());
        List<String> keys = new java.util.ArrayList<>();
        for (JsonNode invocation : JSON.readTree(r.body()).get("Invocations")) {
            for (String line : invocation.get("Log").asText().split("\n")) {
                if (line.startsWith("KEY ")) {
                    keys.add(line.substring(4).trim());
                }
            }
        }
        return keys;
    }

    /** Waits (up to 20 s) until the queue holds no message, visible or in flight. */
    private static boolean awaitEmpty(SqsClient sqs, String url) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            if (a.get("ApproximateNumberOfMessages").equals("0")
                    && a.get("ApproximateNumberOfMessagesNotVisible").equals("0")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void anAcknowledgedEventInvocationIsNotLost() throws Exception {
        String onFailure;
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            onFailure = sqs.createQueue(b -> b.queueName("on-failure")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(onFailure).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            lambda.createFunction(b -> b.functionName("failing").runtime("python3.12").role(ROLE)
                    .handler("app.handler").code(c -> c.zipFile(zipOf("app.py", FAILING))));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("failing").maximumRetryAttempts(2)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(arn))));
            assertEquals(202, lambda.invoke(b -> b.functionName("failing").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"order\": 42}"))).statusCode());
        }
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            // Whatever attempts the first server made, the event's retries are still due on the clock.
            // A minute of the clock, then a 1 s poll: a retry becomes due only once the attempt before it has
            // failed (a process run in real time), so most polls find nothing yet and should not wait long for it.
            // Fifty 1 s polls wait no longer in all than the ten 5 s polls before them.
            Message record = null;
            for (int i = 0; i < 50 && record == null; i++) {
                g.context().clock().advance(Duration.ofMinutes(1));
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(onFailure).waitTimeSeconds(1)).messages();
                record = got.isEmpty() ? null : got.get(0);
            }
            assertTrue(record != null, "the event reached its OnFailure destination after the restart");
            JsonNode doc = JSON.readTree(record.body());
            assertEquals("RetriesExhausted", doc.at("/requestContext/condition").asText());
            assertEquals(3, doc.at("/requestContext/approximateInvokeCount").asInt());
            assertEquals(42, doc.at("/requestPayload/order").asInt());
        }
    }
}
