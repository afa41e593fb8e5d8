package io.gureum.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.error.AwsException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DynamicTest;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException;

/**
 * The error path per protocol: an exception thrown by the handler must reach the SDK as the right
 * exception class, with the right error code and HTTP status.
 */
final class ErrorPathContract {
    static final Map<String, List<String>> RESULTS = new ConcurrentHashMap<>();

    private ErrorPathContract() {
    }

    /** One case: the call, what the handler throws, and what the client must see. */
    record Case(String service, String label, Object request, Throwable thrown, Class<?> expectedClass,
            String expectedCode, int expectedStatus, String note) {
    }

    static List<Case> cases() {
        return List.of(
                new Case("ec2", "DescribeVpcs -> AwsException InvalidVpcID.NotFound",
                        DescribeVpcsRequest.builder().vpcIds("vpc-1").build(),
                        new AwsException("InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist", 400),
                        Ec2Exception.class, "InvalidVpcID.NotFound", 400, null),
                new Case("s3", "GetObject -> NoSuchKeyException",
                        GetObjectRequest.builder().bucket("bkt-err").key("missing/key").build(),
                        software.amazon.awssdk.services.s3.model.NoSuchKeyException.builder()
                                .message("The specified key does not exist.").build(),
                        NoSuchKeyException.class, "NoSuchKey", 404, null),
                new Case("s3", "HeadObject -> NoSuchKeyException (no body on HEAD)",
                        HeadObjectRequest.builder().bucket("bkt-err").key("missing").build(),
                        NoSuchKeyException.builder().message("Not Found").build(),
                        NoSuchKeyException.class, null, 404,
                        "HEAD responses carry no body, so the SDK derives the exception from the status alone"),
                new Case("iam", "GetUser -> NoSuchEntityException",
                        GetUserRequest.builder().userName("nobody").build(),
                        NoSuchEntityException.builder().message("The user with name nobody cannot be found.").build(),
                        NoSuchEntityException.class, "NoSuchEntity", 404, null),
                new Case("sts", "AssumeRole -> MalformedPolicyDocumentException",
                        AssumeRoleRequest.builder().roleArn("arn:aws:iam::000000000000:role/r").roleSessionName("s").build(),
                        MalformedPolicyDocumentException.builder().message("bad policy").build(),
                        MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400, null),
                new Case("dynamodb", "DescribeTable -> ResourceNotFoundException",
                        DescribeTableRequest.builder().tableName("missing").build(),
                        ResourceNotFoundException.builder().message("Requested resource not found").build(),
                        ResourceNotFoundException.class, "ResourceNotFoundException", 400, null),
                new Case("sqs", "GetQueueUrl -> QueueDoesNotExistException",
                        GetQueueUrlRequest.builder().queueName("missing").build(),
                        QueueDoesNotExistException.builder().message("The specified queue does not exist.").build(),
                        QueueDoesNotExistException.class, "AWS.SimpleQueueService.NonExistentQueue", 400,
                        "the class comes from __type; the code is the legacy one of the x-amzn-query-error header,"
                                + " as AWS sends it (from the Smithy model artifact, in the index)"),
                new Case("sns", "GetTopicAttributes -> NotFoundException",
                        GetTopicAttributesRequest.builder().topicArn("arn:aws:sns:us-east-1:000000000000:t").build(),
                        NotFoundException.builder().message("Topic does not exist").build(),
                        NotFoundException.class, "NotFound", 404, null),
                new Case("lambda", "GetFunction -> ResourceNotFoundException",
                        GetFunctionRequest.builder().functionName("missing").build(),
                        software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.builder()
                                .message("Function not found").build(),
                        software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class,
                        "ResourceNotFoundException", 404, null),
                new Case("cloudwatch", "GetDashboard -> DashboardNotFoundErrorException (rpcv2Cbor)",
                        software.amazon.awssdk.services.cloudwatch.model.GetDashboardRequest.builder()
                                .dashboardName("missing").build(),
                        software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException.builder()
                                .message("Dashboard missing does not exist").build(),
                        software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException.class,
                        "DashboardNotFoundError", 404,
                        "without CloudWatch's Smithy model on the class path the legacy query code (ResourceNotFound)"
                                + " is not known, so the code is the one of __type"),
                new Case("kinesis", "DescribeStream -> ResourceNotFoundException (awsJson over CBOR)",
                        software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest.builder()
                                .streamName("missing").build(),
                        software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException.builder()
                                .message("Stream missing under account 000000000000 not found.").build(),
                        software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException.class,
                        "ResourceNotFoundException", 400, null));
    }

    static List<DynamicTest> tests() {
        List<DynamicTest> out = new ArrayList<>();
        for (Case c : cases()) {
            out.add(DynamicTest.dynamicTest(c.service() + ": " + c.label(), () -> run(c)));
        }
        return out;
    }

    private static void run(Case c) throws Throwable {
        org.junit.jupiter.api.Assumptions.assumeTrue(RoundTripContractTest.SERVICES.containsKey(c.service()),
                "service not selected by -Dcontract.services");
        RoundTripContractTest.Spec spec = RoundTripContractTest.SPECS.stream()
                .filter(s -> s.name().equals(c.service())).findFirst().orElseThrow();
        ProxyService service = RoundTripContractTest.SERVICES.get(c.service());
        service.slot.arm(null, null, c.thrown());
        Object client = RoundTripContractTest.client(spec);
        Method method = null;
        for (Method m : spec.clientInterface().getMethods()) {
            if (m.getParameterCount() >= 1 && m.getParameterTypes()[0] == c.request().getClass()
                    && (m.getParameterCount() == 1 || m.getParameterTypes()[1] == ResponseTransformer.class)) {
                method = m;
                break;
            }
        }
        String line;
        try {
            if (method.getParameterCount() == 2) {
                method.invoke(client, c.request(), ResponseTransformer.toBytes());
            } else {
                method.invoke(client, c.request());
            }
            line = "FAILED  " + c.label() + ": no exception reached the client";
            RESULTS.computeIfAbsent(c.service(), k -> new ArrayList<>()).add(line);
            fail(line);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            String code = t instanceof AwsServiceException a && a.awsErrorDetails() != null
                    ? a.awsErrorDetails().errorCode() : null;
            int status = t instanceof AwsServiceException a ? a.statusCode() : -1;
            boolean ok = c.expectedClass().isInstance(t) && status == c.expectedStatus()
                    && (c.expectedCode() == null || c.expectedCode().equals(code));
            line = (ok ? "OK      " : "FAILED  ") + c.label() + ": " + t.getClass().getSimpleName() + " code=" + code
                    + " status=" + status + (c.note() == null ? "" : "  (" + c.note() + ")");
            RESULTS.computeIfAbsent(c.service(), k -> new ArrayList<>()).add(line);
            assertInstanceOf(c.expectedClass(), t, () -> "got " + t);
            assertEquals(c.expectedStatus(), status);
            if (c.expectedCode() != null) {
                assertEquals(c.expectedCode(), code);
            }
        }
    }
}
