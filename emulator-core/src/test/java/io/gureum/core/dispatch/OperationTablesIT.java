package io.gureum.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** One API served by providers from several registrations; conflicts, 501s, interceptors, in-process clients. */
class OperationTablesIT {

    /** Networking's provider: DescribeVpcs, answering with the caller's account as the VPC's owner. */
    static final class Vpcs {
        public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
            if (r.vpcIds().contains("vpc-missing")) {
                throw new AwsException("InvalidVpcID.NotFound", "The vpc ID 'vpc-missing' does not exist", 400);
            }
            if (r.vpcIds().contains("vpc-list")) {
                List.of("frozen").add("x"); // an UnsupportedOperationException: a bug, not "not implemented"
            }
            RequestContext ctx = RequestContext.current();
            return DescribeVpcsResponse.builder().vpcs(Vpc.builder().vpcId("vpc-1").ownerId(ctx.accountId())
                    .cidrBlock(ctx.principal() == null ? "http" : ctx.principal()).build()).build();
        }
    }

    /** Compute's provider, from another registration of the same API. */
    static final class InstanceTypes {
        public DescribeInstanceTypesResponse describeInstanceTypes(DescribeInstanceTypesRequest r) {
            return DescribeInstanceTypesResponse.builder()
                    .instanceTypes(InstanceTypeInfo.builder().instanceType("t3.micro").build()).build();
        }
    }

    /** A second provider of DescribeVpcs: registering it beside {@link Vpcs} must fail start-up. */
    static final class OtherVpcs {
        public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
            return DescribeVpcsResponse.builder().build();
        }
    }

    static final class Queues {
        public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest r) {
            throw QueueDoesNotExistException.builder().message("The specified queue does not exist.").build();
        }
    }

    static AwsService ec2(Class<?> provider, java.util.function.Supplier<Object> make, List<String> seen) {
        return new AwsService() {
            @Override
            public String name() {
                return "ec2";
            }

            @Override
            public String clientInterface() {
                return Ec2Client.class.getName();
            }

            @Override
            public String xmlNamespace() {
                return "http://ec2.amazonaws.com/doc/2016-11-15/";
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(provider);
            }

            @Override
            public ServiceInstance create(ServiceContext context) {
                Object p = make.get();
                return new ServiceInstance() {
                    @Override
                    public List<Object> providers() {
                        return List.of(p);
                    }

                    @Override
                    public List<OperationInterceptor> interceptors() {
                        return List.of(call -> {
                            seen.add(provider.getSimpleName() + ":" + call.operation());
                            return call.proceed();
                        });
                    }
                };
            }
        };
    }

    static AwsService sqs() {
        return io.gureum.core.testing.TestServices.service("sqs", SqsClient.class, null, Queues.class, c -> new Queues());
    }

    @Test
    void twoModulesServeOneApiEachThroughItsOwnInterceptors() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build(),
                List.of(ec2(Vpcs.class, Vpcs::new, seen), ec2(InstanceTypes.class, InstanceTypes::new, seen)));
                Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), g)) {
            assertEquals("vpc-1", ec2.describeVpcs().vpcs().get(0).vpcId());
            assertEquals("t3.micro", ec2.describeInstanceTypes(b -> { }).instanceTypes().get(0).instanceTypeAsString());
            assertEquals(List.of("Vpcs:DescribeVpcs", "InstanceTypes:DescribeInstanceTypes"), seen);

            AwsServiceException e = assertThrows(AwsServiceException.class, () -> ec2.describeSubnets());
            assertEquals(501, e.statusCode());
            assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("DescribeSubnets"), e.getMessage());
        }
    }

    @Test
    void twoProvidersOfOneOperationFailStartUpNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gureum.start(
                GureumConfig.builder().port(0).build(),
                List.of(ec2(Vpcs.class, Vpcs::new, List.of()), ec2(OtherVpcs.class, OtherVpcs::new, List.of()))));
        assertTrue(e.getMessage().contains("describeVpcs"), e.getMessage());
        assertTrue(e.getMessage().contains(Vpcs.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(OtherVpcs.class.getName()), e.getMessage());
    }

    @Test
    void anUnsupportedOperationExceptionAtRunTimeIsAnInternalFailureNotA501() {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build(),
                List.of(ec2(Vpcs.class, Vpcs::new, new CopyOnWriteArrayList<>())));
                Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), g)) {
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> ec2.describeVpcs(b -> b.vpcIds("vpc-list")));
            assertEquals(500, e.statusCode());
            assertEquals("InternalFailure", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void inProcessClientsRunTheTableAsTheCallerWithModeledErrors() {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build(),
                List.of(ec2(Vpcs.class, Vpcs::new, new CopyOnWriteArrayList<>()), sqs()))) {
            Caller caller = Caller.service("sns.amazonaws.com", "111122223333", "eu-west-1", null);
            Ec2Client ec2 = g.context().clients().client(Ec2Client.class, caller);
            Vpc vpc = ec2.describeVpcs(b -> b.maxResults(5)).vpcs().get(0); // a default method of the interface
            assertEquals("111122223333", vpc.ownerId());
            assertEquals("sns.amazonaws.com", vpc.cidrBlock());

            AwsServiceException notFound = assertThrows(AwsServiceException.class,
                    () -> ec2.describeVpcs(b -> b.vpcIds("vpc-missing")));
            assertEquals("InvalidVpcID.NotFound", notFound.awsErrorDetails().errorCode());
            assertEquals(400, notFound.statusCode());

            AwsServiceException notImplemented = assertThrows(AwsServiceException.class, () -> ec2.describeSubnets());
            assertEquals(501, notImplemented.statusCode());

            SqsClient sqs = g.context().clients().client(SqsClient.class, caller);
            QueueDoesNotExistException missing = assertThrows(QueueDoesNotExistException.class,
                    () -> sqs.getQueueUrl(b -> b.queueName("q")));
            assertEquals("QueueDoesNotExist", missing.awsErrorDetails().errorCode());
            assertEquals(400, missing.statusCode());
            assertTrue(g.context().clients().serves(SqsClient.class));
            assertInstanceOf(IllegalStateException.class, assertThrows(RuntimeException.class,
                    () -> g.context().clients().client(software.amazon.awssdk.services.sts.StsClient.class, caller)));
        }
    }
}
