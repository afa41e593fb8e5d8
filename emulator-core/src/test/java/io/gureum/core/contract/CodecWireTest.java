package io.gureum.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.AwsError;
import io.gureum.core.protocol.JsonCodec;
import io.gureum.core.protocol.Pojos;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.QueryCodec;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.RestXmlCodec;
import io.gureum.core.protocol.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;

/**
 * Exact bytes of representative wire shapes, so that codec changes which the SDK would tolerate but
 * AWS's other clients would not (element names, list and map shapes, error envelopes) show up.
 */
class CodecWireTest {
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final RequestContext CTX = new RequestContext("req-1", "000000000000", "us-east-1", "test",
            "test", null);
    private static final ServiceModel IAM = ServiceModel.load(IamClient.class, "https://iam.amazonaws.com/doc/2010-05-08/");
    private static final ServiceModel SNS = ServiceModel.load(SnsClient.class, "http://sns.amazonaws.com/doc/2010-03-31/");
    private static final ServiceModel EC2 = ServiceModel.load(Ec2Client.class, "http://ec2.amazonaws.com/doc/2016-11-15/");
    private static final ServiceModel S3 = ServiceModel.load(S3Client.class, null);
    private static final ServiceModel DDB = ServiceModel.load(DynamoDbClient.class, null);
    private static final ProtocolCodec QUERY = new QueryCodec(false);
    private static final ProtocolCodec EC2_CODEC = new QueryCodec(true);
    private static final ProtocolCodec REST_XML = new RestXmlCodec();
    private static final ProtocolCodec JSON = new JsonCodec();

    static Stream<Arguments> responses() {
        Instant t = Instant.parse("2024-01-02T03:04:05.678Z");
        return Stream.of(
                Arguments.of("query: non-flattened list is <Name><member>, Result wrapper, ResponseMetadata",
                        (Callable<String>) () -> body(QUERY.encode(IAM, IAM.operationByWireName("ListUsers"),
                                (SdkPojo) ListUsersResponse.builder().isTruncated(false)
                                        .users(User.builder().userName("alice").createDate(t).build()).build(), CTX)),
                        XML + "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult>"
                                + "<Users><member><UserName>alice</UserName><CreateDate>2024-01-02T03:04:05.678Z</CreateDate>"
                                + "</member></Users><IsTruncated>false</IsTruncated></ListUsersResult>"
                                + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListUsersResponse>"),
                Arguments.of("query: map is <Name><entry><key/><value/></entry>",
                        (Callable<String>) () -> body(QUERY.encode(SNS, SNS.operationByWireName("GetTopicAttributes"),
                                (SdkPojo) GetTopicAttributesResponse.builder().attributes(Map.of("Owner", "1 & 2")).build(), CTX)),
                        XML + "<GetTopicAttributesResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                                + "<GetTopicAttributesResult><Attributes><entry><key>Owner</key><value>1 &amp; 2</value>"
                                + "</entry></Attributes></GetTopicAttributesResult><ResponseMetadata><RequestId>req-1"
                                + "</RequestId></ResponseMetadata></GetTopicAttributesResponse>"),
                Arguments.of("ec2: requestId first, no Result wrapper, lists are <xSet><item>",
                        (Callable<String>) () -> body(EC2_CODEC.encode(EC2, EC2.operationByWireName("DescribeVpcs"),
                                (SdkPojo) DescribeVpcsResponse.builder().vpcs(Vpc.builder().vpcId("vpc-1").isDefault(true)
                                        .build()).build(), CTX)),
                        XML + "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                                + "<requestId>req-1</requestId><vpcSet><item><isDefault>true</isDefault>"
                                + "<vpcId>vpc-1</vpcId></item></vpcSet></DescribeVpcsResponse>"), // members in model order
                Arguments.of("ec2 error: <Response><Errors><Error> and RequestID",
                        (Callable<String>) () -> body(EC2_CODEC.encodeError(EC2, null,
                                AwsError.of("InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist", 400), CTX)),
                        XML + "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-1'"
                                + " does not exist</Message></Error></Errors><RequestID>req-1</RequestID></Response>"),
                Arguments.of("query error: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>",
                        (Callable<String>) () -> body(QUERY.encodeError(IAM, null,
                                AwsError.of("NoSuchEntity", "no user", 404), CTX)),
                        XML + "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender"
                                + "</Type><Code>NoSuchEntity</Code><Message>no user</Message></Error><RequestId>req-1"
                                + "</RequestId></ErrorResponse>"),
                Arguments.of("restXml: flattened list repeats the list's own element (<CORSRule>), no <member>",
                        (Callable<String>) () -> body(((RestXmlCodec) REST_XML).encode(
                                S3.operationByWireName("GetBucketCors"),
                                (SdkPojo) GetBucketCorsResponse.builder().corsRules(CORSRule.builder()
                                        .allowedMethods("GET", "PUT").allowedOrigins("*").build()).build(),
                                "CORSConfiguration", "http://s3.amazonaws.com/doc/2006-03-01/")),
                        XML + "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule>"
                                + "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
                                + "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>"),
                Arguments.of("restXml noErrorWrapping (S3): bare <Error> with Code, Message, RequestId, HostId; status 404",
                        (Callable<String>) () -> {
                            AwsHttpResponse r = ((RestXmlCodec) REST_XML).encodeUnwrappedError(new AwsError("NoSuchKey",
                                    "The specified key does not exist.", 404, true,
                                    NoSuchKeyException.builder().build(), null), CTX);
                            return r.status() + " " + body(r); // S3's noErrorWrapping shape
                        },
                        "404 " + XML + "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                                + "<RequestId>req-1</RequestId><HostId>req-1</HostId></Error>"),
                Arguments.of("json error: __type with the service namespace, message; x-amzn-ErrorType header",
                        (Callable<String>) () -> {
                            AwsHttpResponse r = JSON.encodeError(DDB, null, new AwsError("ResourceNotFoundException",
                                    "Requested resource not found", 400, true,
                                    ResourceNotFoundException.builder().build(), null), CTX);
                            return r.status() + " " + r.header("x-amzn-ErrorType") + " " + body(r);
                        },
                        "400 ResourceNotFoundException {\"__type\":\"com.amazonaws.dynamodb#ResourceNotFoundException\","
                                + "\"message\":\"Requested resource not found\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void writesExactBytes(String name, Callable<String> actual, String expected) throws Exception {
        assertEquals(expected, actual.call());
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("query: list is Name.member.N",
                        IAM, QUERY, "Action=TagUser&Version=2010-05-08&UserName=bob&Tags.member.1.Key=a&Tags.member.1.Value=b"
                                + "&Tags.member.2.Key=c&Tags.member.2.Value=",
                        TagUserRequest.builder().userName("bob").tags(Tag.builder().key("a").value("b").build(),
                                Tag.builder().key("c").value("").build()).build()),
                Arguments.of("query: map is Name.entry.N.key/value",
                        SNS, QUERY, "Action=CreateTopic&Version=2010-03-31&Name=t&Attributes.entry.1.key=DisplayName"
                                + "&Attributes.entry.1.value=x%20y&Attributes.entry.2.key=Policy&Attributes.entry.2.value=%7B%7D",
                        CreateTopicRequest.builder().name("t").attributes(Map.of("DisplayName", "x y", "Policy", "{}")).build()),
                Arguments.of("ec2: lists are Name.N with the request-side (capitalised) names",
                        EC2, EC2_CODEC, "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=a"
                                + "&Filter.1.Value.2=b&VpcId.1=vpc-1",
                        DescribeVpcsRequest.builder().filters(Filter.builder().name("tag:Name").values("a", "b").build())
                                .vpcIds("vpc-1").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void decodesForm(String name, ServiceModel model, ProtocolCodec codec, String form, Object expected) {
        AwsHttpRequest request = new AwsHttpRequest("POST", "/",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                form.getBytes(StandardCharsets.UTF_8));
        Object decoded = Pojos.build(codec.decode(codec.resolve(model, request), request));
        assertEquals(expected, decoded);
    }

    private static String body(AwsHttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
