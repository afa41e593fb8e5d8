package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.sqs.SqsService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthorizationType;
import software.amazon.awssdk.services.eventbridge.model.ConnectionHeaderParameter;
import software.amazon.awssdk.services.eventbridge.model.ConnectionQueryStringParameter;
import software.amazon.awssdk.services.eventbridge.model.ConnectionState;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Connections (credentials in a secret), API destinations, and rules delivering to them over HTTPS to a local
 * server, with retries and the dead-letter queue.
 */
class ApiDestinationsIT {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new EventsService(), new SqsService(), new FakeSecrets()).build();

    @TempDir
    static Path dir;
    static Gureum gureum;
    static EventBridgeClient events;
    static SqsClient sqs;
    static LocalHttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        gureum = aws.gureum();
        events = AwsClients.client(EventBridgeClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
        server = new LocalHttpsServer(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        sqs.close();
        server.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String basicConnection(String name) {
        return events.createConnection(b -> b.name(name).authorizationType(ConnectionAuthorizationType.BASIC)
                .authParameters(p -> p.basicAuthParameters(a -> a.username("ann").password("s3cret")))).connectionArn();
    }

    static <T extends AwsServiceException> T assertError(Class<T> type, String code, int status, Executable call) {
        T e = org.junit.jupiter.api.Assertions.assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        return e;
    }

    @Test
    void aConnectionKeepsItsCredentialsInASecretAndNeverShowsThem() {
        String name = unique("conn");
        var created = events.createConnection(b -> b.name(name).description("basic one")
                .authorizationType(ConnectionAuthorizationType.BASIC)
                .authParameters(p -> p.basicAuthParameters(a -> a.username("ann").password("s3cret"))
                        .invocationHttpParameters(h -> h.headerParameters(
                                ConnectionHeaderParameter.builder().key("x-team").value("blue").build(),
                                ConnectionHeaderParameter.builder().key("x-token").value("hidden")
                                        .isValueSecret(true).build()))));
        assertEquals(ConnectionState.AUTHORIZED, created.connectionState());
        assertTrue(created.connectionArn().startsWith("arn:aws:events:us-east-1:" + ACCOUNT + ":connection/" + name
                + "/"), created.connectionArn());
        DescribeConnectionResponse d = events.describeConnection(b -> b.name(name));
        assertEquals("basic one", d.description());
        assertEquals(ConnectionAuthorizationType.BASIC, d.authorizationType());
        assertEquals("ann", d.authParameters().basicAuthParameters().username());
        assertEquals("blue", d.authParameters().invocationHttpParameters().headerParameters().get(0).value());
        assertNull(d.authParameters().invocationHttpParameters().headerParameters().get(1).value(),
                "a secret parameter shows its key only");
        assertFalse(d.toString().contains("s3cret"));
        FakeSecrets.Secret secret = FakeSecrets.BY_ARN.get(d.secretArn());
        String id = created.connectionArn().substring(created.connectionArn().lastIndexOf('/') + 1);
        assertEquals("events!connection/" + name + "/" + id, secret.name());
        assertEquals("events.amazonaws.com", secret.createdBy());
        assertTrue(secret.value().contains("s3cret") && secret.value().contains("hidden"), secret.value());
        assertEquals(1, events.listConnections(b -> b.namePrefix(name).connectionState(ConnectionState.AUTHORIZED))
                .connections().size());

        var updated = events.updateConnection(b -> b.name(name).authorizationType(ConnectionAuthorizationType.API_KEY)
                .authParameters(p -> p.apiKeyAuthParameters(k -> k.apiKeyName("x-api-key").apiKeyValue("k1"))));
        assertEquals(ConnectionState.AUTHORIZED, updated.connectionState());
        d = events.describeConnection(b -> b.name(name));
        assertEquals("x-api-key", d.authParameters().apiKeyAuthParameters().apiKeyName());
        assertNull(d.authParameters().basicAuthParameters());
        assertEquals("blue", d.authParameters().invocationHttpParameters().headerParameters().get(0).value(),
                "parameters not given are kept");
        assertFalse(FakeSecrets.BY_ARN.get(d.secretArn()).value().contains("s3cret"));

        assertEquals(ConnectionState.DEAUTHORIZING, events.deauthorizeConnection(b -> b.name(name)).connectionState());
        d = events.describeConnection(b -> b.name(name));
        assertEquals(ConnectionState.DEAUTHORIZED, d.connectionState());
        assertNull(d.authParameters().apiKeyAuthParameters());
        assertFalse(FakeSecrets.BY_ARN.get(d.secretArn()).value().contains("k1"));
        assertEquals(0, events.listConnections(b -> b.namePrefix(name).connectionState(ConnectionState.AUTHORIZED))
                .connections().size());

        String secretArn = d.secretArn();
        assertEquals(ConnectionState.DELETING, events.deleteConnection(b -> b.name(name)).connectionState());
        assertFalse(FakeSecrets.BY_ARN.containsKey(secretArn), "the secret goes with the connection");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                () -> events.describeConnection(b -> b.name(name)));
    }

    @Test
    void connectionsAndApiDestinationsAreValidated() {
        String name = unique("conn");
        String arn = basicConnection(name);
        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                () -> basicConnection(name));
        assertError(AwsServiceException.class, "ValidationException", 400, () -> events.createConnection(b -> b
                .name(unique("c")).authorizationType(ConnectionAuthorizationType.API_KEY)
                .authParameters(p -> p.basicAuthParameters(a -> a.username("u").password("p")))));
        assertError(AwsServiceException.class, "ValidationException", 400, () -> events.createConnection(b -> b
                .name(unique("c")).authorizationType(ConnectionAuthorizationType.OAUTH_CLIENT_CREDENTIALS)
                .authParameters(p -> p.oAuthParameters(o -> o.authorizationEndpoint("http://127.0.0.1/token")
                        .httpMethod("POST").clientParameters(c -> c.clientID("id").clientSecret("s"))))));
        assertError(AwsServiceException.class, "ValidationException", 400, () -> events.createApiDestination(b -> b
                .name(unique("d")).connectionArn(arn).invocationEndpoint("http://127.0.0.1/x").httpMethod("POST")));
        String other = arn.replace("/" + name + "/", "/" + name + "x/");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, () -> events
                .createApiDestination(b -> b.name(unique("d")).connectionArn(other)
                        .invocationEndpoint("https://127.0.0.1/x").httpMethod("POST")));

        assertError(AwsServiceException.class, "ValidationException", 400, () -> events.createApiDestination(b -> b
                .name(unique("d")).connectionArn(arn).invocationEndpoint("https://127.0.0.1/x").httpMethod("POST")
                .invocationRateLimitPerSecond(0)));
        assertError(AwsServiceException.class, "ValidationException", 400, () -> events.createApiDestination(b -> b
                .name(unique("d")).connectionArn(arn).invocationEndpoint("https://127.0.0.1/x").httpMethod("TRACE")));
        String dest = unique("dest");
        var created = events.createApiDestination(b -> b.name(dest).connectionArn(arn).description("d")
                .invocationEndpoint("https://127.0.0.1/x").httpMethod("PUT"));
        assertEquals("ACTIVE", created.apiDestinationStateAsString());
        assertTrue(created.apiDestinationArn().startsWith("arn:aws:events:us-east-1:" + ACCOUNT + ":api-destination/"
                + dest + "/"));
        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400, () -> events
                .createApiDestination(b -> b.name(dest).connectionArn(arn).invocationEndpoint("https://127.0.0.1/x")
                        .httpMethod("POST")));
        var d = events.describeApiDestination(b -> b.name(dest));
        assertEquals(300, d.invocationRateLimitPerSecond(), "the default rate");
        assertEquals("PUT", d.httpMethodAsString());
        events.updateApiDestination(b -> b.name(dest).httpMethod("POST").invocationRateLimitPerSecond(5));
        d = events.describeApiDestination(b -> b.name(dest));
        assertEquals(5, d.invocationRateLimitPerSecond());
        assertEquals("POST", d.httpMethodAsString());
        assertEquals("https://127.0.0.1/x", d.invocationEndpoint());
        assertEquals(1, events.listApiDestinations(b -> b.connectionArn(arn)).apiDestinations().size());
        assertEquals(0, events.listApiDestinations(b -> b.namePrefix(dest + "zz")).apiDestinations().size());
        events.deleteApiDestination(b -> b.name(dest));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                () -> events.describeApiDestination(b -> b.name(dest)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                () -> events.deleteApiDestination(b -> b.name(dest)));
    }

    /** A rule on the default bus for {@code source} with one API destination target; returns the rule's name. */
    static String ruleTo(String source, String destinationArn, String dlqArn) {
        String rule = unique("rule");
        events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("api").arn(destinationArn)
                .httpParameters(h -> h.pathParameterValues("42").headerParameters(java.util.Map.of("x-from", "rule"))
                        .queryStringParameters(java.util.Map.of("q", "1")))
                .inputTransformer(i -> i.inputPathsMap(java.util.Map.of("n", "$.detail.n"))
                        .inputTemplate("{\"number\": <n>}"))
                .retryPolicy(p -> p.maximumRetryAttempts(1))
                .deadLetterConfig(dlqArn == null ? null
                        : software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig.builder().arn(dlqArn)
                                .build())));
        return rule;
    }

    static void put(String source, int n) {
        events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source(source).detailType("t")
                .detail("{\"n\":" + n + "}").build()));
    }

    @Test
    void aMatchedEventIsSentToTheApiDestinationWithTheConnectionsAuthorization() throws Exception {
        String conn = unique("conn");
        String connArn = events.createConnection(b -> b.name(conn).authorizationType(ConnectionAuthorizationType.API_KEY)
                .authParameters(p -> p.apiKeyAuthParameters(k -> k.apiKeyName("x-api-key").apiKeyValue("k-123"))
                        .invocationHttpParameters(h -> h.queryStringParameters(ConnectionQueryStringParameter.builder()
                                .key("team").value("blue").isValueSecret(true).build())))).connectionArn();
        String path = "/" + unique("orders");
        String dest = events.createApiDestination(b -> b.name(unique("dest")).connectionArn(connArn)
                .invocationEndpoint(server.url(path + "/*")).httpMethod("POST")).apiDestinationArn();
        String source = unique("shop");
        ruleTo(source, dest, null);
        put(source, 7);
        LocalHttpsServer.Request r = server.next();
        assertEquals("POST", r.method());
        assertEquals(path + "/42", r.path(), "the target's path parameter replaces *");
        assertEquals("k-123", r.header("x-api-key"));
        assertEquals("rule", r.header("x-from"));
        assertEquals("Amazon/EventBridge/ApiDestinations", r.header("user-agent"));
        assertTrue(r.header("content-type").startsWith("application/json"), r.header("content-type"));
        assertTrue(r.query().contains("q=1") && r.query().contains("team=blue"), r.query());
        assertEquals("{\"number\": 7}", r.body());
    }

    @Test
    void aFailingEndpointIsRetriedThenTheEventGoesToTheDeadLetterQueue() throws Exception {
        String connArn = basicConnection(unique("conn"));
        String path = "/" + unique("flaky");
        server.answer(path + "/42", 503, "");
        String dest = events.createApiDestination(b -> b.name(unique("dest")).connectionArn(connArn)
                .invocationEndpoint(server.url(path + "/*")).httpMethod("PUT")).apiDestinationArn();
        String dlq = sqs.createQueue(b -> b.queueName(unique("dlq"))).queueUrl();
        String source = unique("shop");
        String rule = ruleTo(source, dest, "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + dlq.substring(dlq.lastIndexOf('/')
                + 1));
        put(source, 1);
        LocalHttpsServer.Request first = server.next();
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8)),
                first.header("authorization"));
        assertEquals("PUT", first.method());
        Message m = deadLetter(dlq);
        assertEquals("INTERNAL_ERROR", m.messageAttributes().get("ERROR_CODE").stringValue());
        assertEquals("1", m.messageAttributes().get("RETRY_ATTEMPTS").stringValue());
        assertEquals("MaximumRetryAttemptsExhausted",
                m.messageAttributes().get("EXHAUSTED_RETRY_CONDITION").stringValue());
        assertEquals(dest, m.messageAttributes().get("TARGET_ARN").stringValue());
        assertTrue(m.messageAttributes().get("RULE_ARN").stringValue().endsWith(":rule/" + rule));
        assertEquals(path + "/42", server.next().path(), "the retry reached the endpoint too");

        server.answer(path + "/42", 400, "");
        put(source, 2);
        m = deadLetter(dlq);
        assertEquals("SDK_CLIENT_ERROR", m.messageAttributes().get("ERROR_CODE").stringValue());
        assertEquals("0", m.messageAttributes().get("RETRY_ATTEMPTS").stringValue(), "a 400 is not retried");
    }

    @Test
    void anEndpointThatIsNotOnThisMachineIsNeverContacted() {
        String connArn = basicConnection(unique("conn"));
        // 192.0.2.1 (TEST-NET-1): an address literal, so not even a name lookup leaves the machine.
        String dest = events.createApiDestination(b -> b.name(unique("dest")).connectionArn(connArn)
                .invocationEndpoint("https://192.0.2.1/hook").httpMethod("POST")).apiDestinationArn();
        String dlq = sqs.createQueue(b -> b.queueName(unique("dlq"))).queueUrl();
        String source = unique("shop");
        ruleTo(source, dest, "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + dlq.substring(dlq.lastIndexOf('/') + 1));
        put(source, 1);
        Message m = deadLetter(dlq);
        assertEquals("SDK_CLIENT_ERROR", m.messageAttributes().get("ERROR_CODE").stringValue());
        assertEquals("0", m.messageAttributes().get("RETRY_ATTEMPTS").stringValue());
        assertTrue(m.messageAttributes().get("ERROR_MESSAGE").stringValue().contains("loopback"));
    }

    @Test
    void anOAuthConnectionIsAuthorizedByItsEndpointAndSendsTheBearerToken() throws Exception {
        String tokenPath = "/" + unique("token");
        server.answer(tokenPath, 200, "{\"access_token\":\"tok-9\",\"token_type\":\"bearer\"}");
        String conn = unique("oauth");
        var created = events.createConnection(b -> b.name(conn)
                .authorizationType(ConnectionAuthorizationType.OAUTH_CLIENT_CREDENTIALS)
                .authParameters(p -> p.oAuthParameters(o -> o.authorizationEndpoint(server.url(tokenPath))
                        .httpMethod("POST").clientParameters(c -> c.clientID("client").clientSecret("shh"))
                        .oAuthHttpParameters(h -> h.bodyParameters(
                                software.amazon.awssdk.services.eventbridge.model.ConnectionBodyParameter.builder()
                                        .key("grant_type").value("client_credentials").build())))));
        assertEquals(ConnectionState.AUTHORIZING, created.connectionState());
        LocalHttpsServer.Request token = server.next();
        assertEquals(tokenPath, token.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("client:shh".getBytes(StandardCharsets.UTF_8)),
                token.header("authorization"));
        assertEquals("grant_type=client_credentials", token.body());
        DescribeConnectionResponse d = awaitState(conn, ConnectionState.AUTHORIZED);
        assertEquals("client", d.authParameters().oAuthParameters().clientParameters().clientID());
        assertEquals(server.url(tokenPath), d.authParameters().oAuthParameters().authorizationEndpoint());
        assertTrue(d.lastAuthorizedTime() != null);

        String path = "/" + unique("hook");
        String dest = events.createApiDestination(b -> b.name(unique("dest")).connectionArn(d.connectionArn())
                .invocationEndpoint(server.url(path)).httpMethod("POST")).apiDestinationArn();
        String source = unique("shop");
        ruleTo(source, dest, null);
        put(source, 3);
        LocalHttpsServer.Request r = server.next();
        assertEquals(path, r.path());
        assertEquals("Bearer tok-9", r.header("authorization"));

        String bad = unique("oauth");
        server.answer(tokenPath + "x", 401, "");
        events.createConnection(b -> b.name(bad).authorizationType(ConnectionAuthorizationType.OAUTH_CLIENT_CREDENTIALS)
                .authParameters(p -> p.oAuthParameters(o -> o.authorizationEndpoint(server.url(tokenPath + "x"))
                        .httpMethod("GET").clientParameters(c -> c.clientID("client").clientSecret("wrong")))));
        assertEquals("GET", server.next().method());
        assertTrue(awaitState(bad, ConnectionState.DEAUTHORIZED).stateReason().contains("401"));
    }

    static DescribeConnectionResponse awaitState(String name, ConnectionState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        DescribeConnectionResponse d;
        while ((d = events.describeConnection(b -> b.name(name))).connectionState() != state) {
            if (System.nanoTime() > deadline) {
                fail("connection " + name + " stayed " + d.connectionState());
            }
            Thread.sleep(50);
        }
        return d;
    }

    /** The next dead letter, advancing the clock past retries (10 s at a time) while none arrived. */
    static Message deadLetter(String url) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<Message> got = List.of();
        while (got.isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("no dead letter");
            }
            gureum.context().clock().advance(Duration.ofSeconds(10));
            got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).messageAttributeNames("All")).messages();
        }
        Message m = got.get(0);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        return m;
    }
}
