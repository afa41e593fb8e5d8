package io.gureum.core.dispatch;

import static io.gureum.core.testing.ErrorShapes.Protocol.JSON;
import static io.gureum.core.testing.ErrorShapes.Protocol.QUERY;
import static io.gureum.core.testing.ErrorShapes.Protocol.REST_JSON;
import static io.gureum.core.testing.Requests.form;
import static io.gureum.core.testing.Requests.json;
import static io.gureum.core.testing.Requests.rest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.ErrorShapes;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.Requests;
import io.gureum.core.testing.TestServices;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A request for an AWS API Gureum does not serve is answered 501 {@code NotImplemented}, "Gureum does not
 * emulate <api> yet", in that API's own protocol, whether its signature, X-Amz-Target, rpcv2Cbor path or
 * Host names it; never as S3's {@code 405 MethodNotAllowed}.
 */
class UnservedApisIT {
    static Gureum gureum;

    @BeforeAll
    static void start() {
        // Lambda is on the class path (a test service) but not enabled in this run.
        gureum = Gureum.start(GureumConfig.builder().port(0).services(Set.of("sqs", "dynamodb", "s3", "ec2")).build(),
                TestServices.all());
    }

    @AfterAll
    static void stop() {
        gureum.close();
    }

    private static <C extends SdkClient> AwsServiceException sdkError(C client, Function<C, ?> call) {
        try (client) {
            return assertThrows(AwsServiceException.class, () -> call.apply(client));
        }
    }

    private static void assertNotEmulated(AwsServiceException e, String api) {
        assertEquals(501, e.statusCode(), e::toString);
        assertEquals("NotImplemented", e.awsErrorDetails().errorCode(), e::toString);
        assertEquals("Gureum does not emulate " + api + " yet", e.awsErrorDetails().errorMessage(), e::toString);
    }

    @Test
    void kmsClientAwsJson11() {
        assertNotEmulated(sdkError(AwsClients.client(KmsClient.builder(), gureum), KmsClient::listKeys), "kms");
    }

    @Test
    void eventBridgeClientAwsJson11() {
        assertNotEmulated(sdkError(AwsClients.client(EventBridgeClient.builder(), gureum), c -> c.listRules(r -> { })),
                "events");
    }

    @Test
    void cloudWatchClientRpcV2Cbor() {
        assertNotEmulated(sdkError(AwsClients.client(CloudWatchClient.builder(), gureum),
                CloudWatchClient::listDashboards), "monitoring");
    }

    @Test
    void kinesisClientAwsJsonOverCbor() {
        assertNotEmulated(sdkError(AwsClients.client(KinesisClient.builder(), gureum), KinesisClient::listStreams),
                "kinesis");
    }

    @Test
    void servedButDisabledApiSaysSo() {
        AwsServiceException e = sdkError(AwsClients.client(LambdaClient.builder(), gureum),
                LambdaClient::listFunctions);
        assertEquals(501, e.statusCode(), e::toString);
        assertEquals("NotImplemented", e.awsErrorDetails().errorCode(), e::toString);
        assertEquals("Gureum serves lambda but it is not enabled in this run (see --services)",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void queryApiBySigningNameAnswersQueryXml() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), form("elasticloadbalancing",
                "Action=DescribeLoadBalancers&Version=2015-12-01"));
        ErrorShapes.assertError(QUERY, r, 501, "NotImplemented");
        assertEquals("Gureum does not emulate Elastic Load Balancing v2 (elasticloadbalancing, API version 2015-12-01)"
                + " yet", ErrorShapes.message(QUERY, r));
        assertEquals(true, r.bodyAsString().contains("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"), r::toString);
    }

    /** Classic ELB signs as ELB v2 does; its Version names it, and its answer is in its own namespace. */
    @Test
    void classicElbIsNamedByItsVersion() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), form("elasticloadbalancing",
                "Action=DescribeLoadBalancers&Version=2012-06-01"));
        ErrorShapes.assertError(QUERY, r, 501, "NotImplemented");
        assertEquals("Gureum does not emulate Elastic Load Balancing (elasticloadbalancing, API version 2012-06-01)"
                + " yet", ErrorShapes.message(QUERY, r));
        assertEquals(true, r.bodyAsString().contains("http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"), r::toString);
    }

    @Test
    void restJsonApiBySigningNameAnswersRestJson() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), rest("eks", "GET", "/clusters"));
        ErrorShapes.assertError(REST_JSON, r, 501, "NotImplemented");
        assertEquals("Gureum does not emulate eks yet", ErrorShapes.message(REST_JSON, r));
    }

    @Test
    void unsignedJsonApiByTargetPrefix() throws Exception {
        Requests.Spec spec = json("x", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "{}");
        spec.headers.remove("Authorization");
        spec.header("Content-Type", "application/x-amz-json-1.1");
        Reply r = Requests.send(gureum.endpoint(), spec);
        ErrorShapes.assertError(JSON, r, 501, "NotImplemented");
        assertEquals("Gureum does not emulate ecr yet", ErrorShapes.message(JSON, r));
        assertEquals("application/x-amz-json-1.1", r.header("Content-Type"));
    }

    @Test
    void unsignedRequestByHost() throws Exception {
        try (RawHttp c = RawHttp.connect(gureum.endpoint().getPort())) {
            Reply r = c.send("POST / HTTP/1.1\r\nHost: kms.eu-west-1.amazonaws.com\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}").read();
            assertEquals(501, r.status(), r::toString);
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertEquals("com.amazonaws.kms#NotImplemented", body.path("__type").asText(), r::toString);
            assertEquals("Gureum does not emulate kms yet", body.path("message").asText());
        }
    }

    @Test
    void unsignedRpcV2CborByPath() throws Exception {
        Requests.Spec spec = new Requests.Spec("POST", "/service/GraniteServiceVersion20100801/operation/ListMetrics")
                .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                .header("Accept", "application/cbor").body(new CBORMapper().writeValueAsBytes(java.util.Map.of()));
        Reply r = Requests.send(gureum.endpoint(), spec);
        assertEquals(501, r.status(), r::toString);
        assertEquals("application/cbor", r.header("Content-Type"));
        assertEquals("rpc-v2-cbor", r.header("smithy-protocol"));
        JsonNode body = new CBORMapper().readTree(r.body());
        assertEquals("com.amazonaws.monitoring#NotImplemented", body.path("__type").asText());
        assertEquals("Gureum does not emulate monitoring yet", body.path("message").asText());
    }

    @Test
    void restXmlApiWithoutErrorWrappingAnswersABareError() throws Exception {
        try (Gureum sqsOnly = Gureum.start(GureumConfig.builder().port(0).services(Set.of("sqs")).build(),
                TestServices.all())) {
            Reply r = Requests.send(sqsOnly.endpoint(), rest("s3", "GET", "/bucket?list-type=2"));
            ErrorShapes.assertError(ErrorShapes.Protocol.S3, r, 501, "NotImplemented");
            assertEquals("Gureum serves s3 but it is not enabled in this run (see --services)",
                    ErrorShapes.message(ErrorShapes.Protocol.S3, r));
        }
    }

    @Test
    void anonymousPathStyleRequestsStillReachS3() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), new Requests.Spec("GET", "/missing?list-type=2"));
        ErrorShapes.assertError(ErrorShapes.Protocol.S3, r, 404, "NoSuchBucket");
    }
}
