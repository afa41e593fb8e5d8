package io.gureum.core.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.protocol.index.OperationEntry;
import io.gureum.core.spi.AwsService;
import io.gureum.core.testing.AwsClients;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The round-trip contract of the codecs: for every operation of every served API (and CloudWatch's and Kinesis's CBOR), a random request sent
 * by the real SDK v2 client must arrive at the handler equal, and a random response from the handler
 * must arrive at the client equal. Known, legitimate differences are listed in {@link AllowList}; the
 * report goes to {@code target/contract-report.txt}.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class RoundTripContractTest {
    static final List<Spec> SPECS = List.of(
            new Spec("ec2", Ec2Client.class, "http://ec2.amazonaws.com/doc/2016-11-15/", Ec2Client::builder),
            new Spec("s3", S3Client.class, null,
                    () -> S3Client.builder().forcePathStyle(true).disableS3ExpressSessionAuth(true)),
            new Spec("iam", IamClient.class, "https://iam.amazonaws.com/doc/2010-05-08/", IamClient::builder),
            new Spec("sts", StsClient.class, "https://sts.amazonaws.com/doc/2011-06-15/", StsClient::builder),
            new Spec("dynamodb", DynamoDbClient.class, null, DynamoDbClient::builder),
            new Spec("sqs", SqsClient.class, null, SqsClient::builder),
            new Spec("sns", SnsClient.class, "http://sns.amazonaws.com/doc/2010-03-31/", SnsClient::builder),
            new Spec("lambda", LambdaClient.class, null, LambdaClient::builder),
            new Spec("logs", software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.class, null,
                    software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient::builder),
            // shares DynamoDB's signing name; told apart by X-Amz-Target
            new Spec("dynamodbstreams", "dynamodb",
                    software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.class, null,
                    software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient::builder),
            new Spec("tagging",
                    software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient.class, null,
                    software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient::builder),
            // rpcv2Cbor, signed as "monitoring"
            new Spec("cloudwatch", "monitoring", CloudWatchClient.class,
                    "http://monitoring.amazonaws.com/doc/2010-08-01/", CloudWatchClient::builder),
            // awsJson over CBOR (application/x-amz-cbor-1.1), the SDK's default for Kinesis
            new Spec("kinesis", KinesisClient.class, null, KinesisClient::builder));

    /** One service under test; {@code signingName} is what its SDK signs with. */
    record Spec(String name, String signingName, Class<?> clientInterface, String xmlNamespace,
            java.util.function.Supplier<Object> builder) {
        Spec(String name, Class<?> clientInterface, String xmlNamespace, java.util.function.Supplier<Object> builder) {
            this(name, name, clientInterface, xmlNamespace, builder);
        }
    }

    /** The specs to run: all, or those named in {@code -Dcontract.services=cloudwatch,kinesis} while iterating. */
    static List<Spec> selected() {
        String only = System.getProperty("contract.services");
        if (only == null || only.isBlank()) {
            return SPECS;
        }
        List<String> names = List.of(only.split(","));
        return SPECS.stream().filter(s -> names.contains(s.name())).toList();
    }

    enum Outcome { EQUAL, ALLOWED, FAILED }

    record Result(String service, String operation, Outcome outcome, List<String> notes) {
    }

    static Gureum gureum;
    static final Map<String, ProxyService> SERVICES = new LinkedHashMap<>();
    static final Map<String, Object> CLIENTS = new ConcurrentHashMap<>();
    static final Map<String, List<Result>> RESULTS = new ConcurrentHashMap<>();
    static final Map<String, String> PROTOCOLS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        List<AwsService> services = new ArrayList<>();
        for (Spec s : selected()) {
            ProxyService p = new ProxyService(s.name(), s.signingName(), s.clientInterface(), s.xmlNamespace());
            SERVICES.put(s.name(), p);
            services.add(p);
        }
        gureum = Gureum.start(GureumConfig.builder().port(0).build(), services);
    }

    @AfterAll
    static void stop() throws IOException {
        for (Object c : CLIENTS.values()) {
            try {
                ((AutoCloseable) c).close();
            } catch (Exception ignored) {
                // closing a test client
            }
        }
        if (gureum != null) {
            gureum.close();
        }
        String report = Report.render(selected(), RESULTS, PROTOCOLS, ErrorPathContract.RESULTS);
        System.out.println(report);
        Path out = Path.of("target", "contract-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    static Object client(Spec spec) {
        return CLIENTS.computeIfAbsent(spec.name(), k -> build(spec.builder().get()));
    }

    /**
     * A client configured as {@link AwsClients} does (endpointOverride, static credentials, one attempt,
     * url-connection), keeping host-prefix injection off: WriteGetObjectResponse would otherwise prefix the
     * endpoint's host with its RequestRoute, which no local endpoint resolves.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object build(Object builder) {
        AwsClientBuilder b = (AwsClientBuilder) builder;
        b.endpointOverride(gureum.endpoint());
        b.region(Region.US_EAST_1);
        b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        b.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(r -> r.maxAttempts(1))
                .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                .build());
        ((SdkSyncClientBuilder) b).httpClient(HTTP);
        return ((software.amazon.awssdk.utils.builder.SdkBuilder) b).build();
    }

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            // Generous: a slow first answer on a busy machine (an in-process client of a large API loads its
            // model classes once) is not a failure; hangs are caught by HangGuard and the tests' own bounds.
            .socketTimeout(java.time.Duration.ofMinutes(5)).build();

    @TestFactory
    Stream<DynamicNode> roundTrip() {
        return selected().stream().map(spec -> {
            ServiceModel model = ServiceModel.load(spec.clientInterface(), spec.xmlNamespace());
            PROTOCOLS.put(spec.name(), model.protocol());
            List<DynamicNode> tests = new ArrayList<>();
            for (OperationEntry entry : model.index().operations()) {
                tests.add(DynamicTest.dynamicTest(entry.wireName(), () -> roundTrip(spec, model, entry)));
            }
            tests.add(DynamicTest.dynamicTest("(every client operation is indexed)", () -> allIndexed(spec, model)));
            return DynamicContainer.dynamicContainer(spec.name(), tests);
        });
    }

    @TestFactory
    Stream<DynamicNode> errorPath() {
        return ErrorPathContract.tests().stream().map(t -> t);
    }

    private static void allIndexed(Spec spec, ServiceModel model) {
        List<String> missing = new ArrayList<>();
        java.util.Set<String> indexed = new java.util.HashSet<>();
        model.index().operations().forEach(e -> indexed.add(e.requestClass()));
        for (Method m : spec.clientInterface().getMethods()) {
            if (m.getParameterCount() >= 1 && software.amazon.awssdk.core.SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
                    && !indexed.contains(m.getParameterTypes()[0].getName())) {
                missing.add(m.getName());
            }
        }
        assertTrue(missing.isEmpty(), "Client operations missing from the index: " + missing);
    }

    private static void roundTrip(Spec spec, ServiceModel model, OperationEntry entry) throws Throwable {
        try {
            roundTrip0(spec, model, entry);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            record(spec, entry.wireName(), Outcome.FAILED, List.of(),
                    List.of("test error: " + t.getClass().getSimpleName() + ": " + firstLine(t.getMessage())));
            throw t;
        }
    }

    private static void roundTrip0(Spec spec, ServiceModel model, OperationEntry entry) throws Throwable {
        String op = entry.wireName();
        ProxyService service = SERVICES.get(spec.name());
        long seed = (spec.name() + "/" + op).hashCode();
        boolean s3 = spec.name().equals("s3");
        boolean rest = model.protocol().startsWith("rest");
        Class<?> requestClass = Class.forName(entry.requestClass());
        Class<?> responseClass = Class.forName(entry.responseClass());
        Object request = new RandomPojos(seed, 4, s3, true, rest && !entry.hasPayloadMembers()).build(requestClass);
        Object response = new RandomPojos(seed + 1, 4, s3, false, false).build(responseClass);
        Random random = new Random(seed);
        byte[] upload = entry.streamingInput() ? randomBytes(random) : null;
        byte[] download = entry.streamingOutput() ? randomBytes(random) : null;
        List<String> constraints = new ArrayList<>();
        if (upload != null) {
            request = ResponseConstraints.with(request, "ContentLength", (long) upload.length);
        }
        response = ResponseConstraints.apply(spec.name(), op, request, response, download, constraints);
        Object client = client(spec);
        if (s3 && entry.streamingInput()) {
            // A checksum value must match the bytes sent (AWS and Gureum check it); random ones cannot.
            for (String member : new String[] {"ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1",
                    "ChecksumSHA256", "ContentMD5"}) {
                request = ResponseConstraints.with(request, member, null);
            }
            constraints.add("constraint: upload checksum values left unset (the client computes them from the body)");
        }
        service.slot.arm(response, download, null);

        Method method = clientMethod(spec.clientInterface(), entry, requestClass);
        Object returned;
        List<String> notes = new ArrayList<>(constraints);
        List<String> failures = new ArrayList<>();
        try {
            if (entry.streamingInput()) {
                returned = method.invoke(client, request, RequestBody.fromBytes(upload));
            } else if (entry.streamingOutput()) {
                returned = method.invoke(client, request, ResponseTransformer.toBytes());
            } else {
                returned = method.invoke(client, request);
            }
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            String what = t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
            AllowList.Entry allowed = AllowList.find(spec.name(), op, AllowList.Direction.CALL, what);
            List<String> requestDiffs = service.slot.request == null ? List.of("the handler was not called")
                    : describe(spec.name(), op, AllowList.Direction.REQUEST,
                            PojoDiff.diff(request, service.slot.request), notes, failures);
            if (allowed != null) {
                notes.add("client call failed: " + what + " [allowed: " + allowed.reason() + "]");
                record(spec, op, failures.isEmpty() ? Outcome.ALLOWED : Outcome.FAILED, notes, failures);
                return;
            }
            failures.add("client call failed: " + what);
            record(spec, op, Outcome.FAILED, notes, failures);
            fail(String.join("\n", failures), t);
            return;
        }
        if (!op.equals(service.slot.method) && service.slot.method == null) {
            failures.add("the handler was not called");
        }
        if (service.slot.request != null) {
            Object expected = upload == null ? request
                    : ResponseConstraints.withUploadChecksums(request, service.slot.request, upload, notes);
            describe(spec.name(), op, AllowList.Direction.REQUEST, PojoDiff.diff(expected, service.slot.request),
                    notes, failures);
        }
        if (upload != null && !java.util.Arrays.equals(upload, service.slot.requestBytes)) {
            diffOrAllow(spec.name(), op, AllowList.Direction.REQUEST,
                    new PojoDiff.Diff("<body>", upload.length + " bytes", service.slot.requestBytes == null ? "null"
                            : service.slot.requestBytes.length + " bytes"), notes, failures);
        }
        Object clientResponse = returned;
        if (returned instanceof ResponseBytes<?> rb) {
            clientResponse = rb.response();
            if (!java.util.Arrays.equals(download, rb.asByteArrayUnsafe())) {
                diffOrAllow(spec.name(), op, AllowList.Direction.RESPONSE,
                        new PojoDiff.Diff("<body>", download.length + " bytes", rb.asByteArrayUnsafe().length + " bytes"),
                        notes, failures);
            }
        }
        describe(spec.name(), op, AllowList.Direction.RESPONSE, PojoDiff.diff(response, clientResponse), notes,
                failures);
        Outcome outcome = !failures.isEmpty() ? Outcome.FAILED
                : notes.stream().anyMatch(n -> n.contains("[allowed")) ? Outcome.ALLOWED : Outcome.EQUAL;
        record(spec, op, outcome, notes, failures);
        if (!failures.isEmpty()) {
            fail(op + ":\n  " + String.join("\n  ", failures));
        }
    }

    private static List<String> describe(String svc, String op, AllowList.Direction dir, List<PojoDiff.Diff> diffs,
            List<String> notes, List<String> failures) {
        List<String> out = new ArrayList<>();
        for (PojoDiff.Diff d : diffs) {
            out.add(diffOrAllow(svc, op, dir, d, notes, failures));
        }
        return out;
    }

    private static String diffOrAllow(String svc, String op, AllowList.Direction dir, PojoDiff.Diff d,
            List<String> notes, List<String> failures) {
        AllowList.Entry allowed = AllowList.find(svc, op, dir, d.path());
        String text = dir.name().toLowerCase() + " " + d;
        if (allowed != null) {
            notes.add(text + " [allowed: " + allowed.reason() + "]");
        } else {
            failures.add(text);
        }
        return text;
    }

    private static void record(Spec spec, String op, Outcome outcome, List<String> notes, List<String> failures) {
        List<String> all = new ArrayList<>(failures);
        all.addAll(notes);
        RESULTS.computeIfAbsent(spec.name(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new Result(spec.name(), op, outcome, all));
    }

    static Method clientMethod(Class<?> iface, OperationEntry entry, Class<?> requestClass) throws NoSuchMethodException {
        for (Method m : iface.getMethods()) {
            if (!m.getName().equals(entry.clientMethod()) || m.getParameterCount() == 0
                    || m.getParameterTypes()[0] != requestClass) {
                continue;
            }
            if (entry.streamingInput() && m.getParameterCount() == 2 && m.getParameterTypes()[1] == RequestBody.class) {
                return m;
            }
            if (entry.streamingOutput() && m.getParameterCount() == 2
                    && m.getParameterTypes()[1] == ResponseTransformer.class) {
                return m;
            }
            if (!entry.streamingInput() && !entry.streamingOutput() && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new NoSuchMethodException(entry.clientMethod());
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
