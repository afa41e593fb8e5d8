package io.gureum.core.testing;

import io.gureum.core.error.AwsException;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Test-only services, one per wire protocol, whose handlers are tiny implementations of the SDK client
 * interfaces. By convention a resource named {@code missing} answers the service's modeled not-found
 * error, one named {@code boom} makes the handler throw a plain {@link IllegalStateException}, and the
 * DynamoDB table {@code slow} takes 300 ms to describe. The dispatcher's log lines about those deliberate
 * bugs stay off the console ({@link ExpectedFailures}).
 */
public final class TestServices {
    private TestServices() {
    }

    public static List<AwsService> all() {
        return List.of(
                service("sqs", SqsClient.class, null, Sqs.class, c -> new Sqs()),
                service("dynamodb", DynamoDbClient.class, null, DynamoDb.class, c -> new DynamoDb()),
                service("lambda", LambdaClient.class, null, Lambda.class, c -> new Lambda()),
                service("s3", S3Client.class, null, S3.class, c -> new S3()),
                service("ec2", Ec2Client.class, "http://ec2.amazonaws.com/doc/2016-11-15/", Ec2.class, c -> new Ec2()));
    }

    /** A registration of {@code name} whose one provider, of class {@code providerClass}, {@code factory} makes. */
    public static AwsService service(String name, Class<?> client, String namespace, Class<?> providerClass,
            Function<ServiceContext, Object> factory) {
        return new AwsService() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String clientInterface() {
                return client.getName();
            }

            @Override
            public String xmlNamespace() {
                return namespace;
            }

            @Override
            public io.gureum.core.spi.ProtocolQuirks quirks() {
                return name.equals("s3") ? TestS3Quirks.INSTANCE : io.gureum.core.spi.ProtocolQuirks.NONE;
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(providerClass);
            }

            @Override
            public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
                return io.gureum.core.spi.ServiceInstance.of(factory.apply(context));
            }
        };
    }

    static void boomIf(String name) {
        if ("boom".equals(name)) {
            throw new IllegalStateException("boom: a handler bug");
        }
    }

    static final class Sqs implements SqsClient {
        @Override
        public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
            boomIf(request.queueName());
            if ("missing".equals(request.queueName())) {
                throw QueueDoesNotExistException.builder().message("The specified queue does not exist.").build();
            }
            return GetQueueUrlResponse.builder().queueUrl("http://localhost/000000000000/" + request.queueName()).build();
        }

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            return SendMessageResponse.builder().messageId("m-1").build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    static final class DynamoDb implements DynamoDbClient {
        @Override
        public DescribeTableResponse describeTable(DescribeTableRequest request) {
            boomIf(request.tableName());
            if ("slow".equals(request.tableName())) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if ("missing".equals(request.tableName())) {
                throw software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.builder()
                        .message("Requested resource not found").build();
            }
            return DescribeTableResponse.builder()
                    .table(TableDescription.builder().tableName(request.tableName()).build()).build();
        }

        @Override
        public ListTablesResponse listTables(ListTablesRequest request) {
            return ListTablesResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    static final class Lambda implements LambdaClient {
        @Override
        public GetFunctionResponse getFunction(GetFunctionRequest request) {
            boomIf(request.functionName());
            if ("missing".equals(request.functionName())) {
                throw software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.builder()
                        .message("Function not found").build();
            }
            return GetFunctionResponse.builder()
                    .configuration(FunctionConfiguration.builder().functionName(request.functionName()).build()).build();
        }

        @Override
        public ListFunctionsResponse listFunctions(ListFunctionsRequest request) {
            return ListFunctionsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    static final class S3 implements S3Client {
        @Override
        public HeadBucketResponse headBucket(HeadBucketRequest request) {
            boomIf(request.bucket());
            if ("missing".equals(request.bucket())) {
                throw NoSuchBucketException.builder().message("The specified bucket does not exist").build();
            }
            return HeadBucketResponse.builder().build();
        }

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            boomIf(request.bucket());
            if ("missing".equals(request.bucket())) {
                throw NoSuchBucketException.builder().message("The specified bucket does not exist").build();
            }
            return ListObjectsV2Response.builder().name(request.bucket()).maxKeys(request.maxKeys()).build();
        }

        @Override
        public PutBucketTaggingResponse putBucketTagging(PutBucketTaggingRequest request) {
            boomIf(request.bucket());
            return PutBucketTaggingResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    static final class Ec2 implements Ec2Client {
        @Override
        public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest request) {
            if (request.vpcIds().contains("boom")) {
                boomIf("boom");
            }
            if (request.vpcIds().contains("vpc-missing")) {
                throw new AwsException("InvalidVpcID.NotFound", "The vpc ID 'vpc-missing' does not exist", 400);
            }
            return DescribeVpcsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
