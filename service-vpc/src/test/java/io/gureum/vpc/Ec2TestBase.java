package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** One in-process server per test class; each test uses its own account so state never leaks between tests. */
abstract class Ec2TestBase {
    private static final AtomicLong ACCOUNTS = new AtomicLong(100000000000L + (System.nanoTime() % 1000) * 1000000);
    static volatile VpcQueries queries;

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(capturingVpc()).build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    /** The ec2 registration, wrapped so tests can reach the in-JVM queries (routeFor). */
    private static AwsService capturingVpc() {
        AwsService vpc = new VpcService();
        return new AwsService() {
            @Override
            public String name() {
                return vpc.name();
            }

            @Override
            public String clientInterface() {
                return vpc.clientInterface();
            }

            @Override
            public String xmlNamespace() {
                return vpc.xmlNamespace();
            }

            @Override
            public List<Class<?>> providerClasses() {
                return vpc.providerClasses();
            }

            @Override
            public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
                io.gureum.core.spi.ServiceInstance instance = vpc.create(context);
                queries = ((VpcInstance) instance).queries();
                return instance;
            }
        };
    }

    /** A fresh 12-digit account: its own default VPC, nothing else. */
    static String newAccount() {
        return String.valueOf(ACCOUNTS.incrementAndGet());
    }

    static Ec2Client ec2(String account, String region) {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), account, region);
    }

    static Ec2Client ec2() {
        return ec2(newAccount(), "ap-northeast-2");
    }

    static void advanceClock(Duration d) {
        gureum.context().clock().advance(d);
    }

    /** Asserts the call fails with EC2's error {@code code} and HTTP {@code status}; returns the message. */
    static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    static String fails(String code, Executable call) {
        return fails(code, 400, call);
    }
}
