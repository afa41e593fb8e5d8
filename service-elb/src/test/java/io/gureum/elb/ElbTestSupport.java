package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.acm.AcmService;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.ec2.Ec2ComputeService;
import io.gureum.junit5.GureumExtension;
import io.gureum.lambda.LambdaService;
import io.gureum.vpc.VpcService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * One in-process server per test class with ELB, the EC2 API (networking and compute), Lambda, ACM and S3 (trust
 * stores' files); SDK v2 clients.
 */
abstract class ElbTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new ElbV2Service(), new VpcService(), new Ec2ComputeService(), new LambdaService(),
                    new AcmService(), new io.gureum.s3.S3Service()).build();
    static Gureum gureum;
    static ElasticLoadBalancingV2Client elb;
    static Ec2Client ec2;
    /** The default VPC's default subnets, one per Availability Zone, sorted by zone. */
    static List<Subnet> subnets;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), gureum);
        ec2 = AwsClients.client(Ec2Client.builder(), gureum);
        subnets = ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true"))).subnets().stream()
                .sorted(java.util.Comparator.comparing(Subnet::availabilityZone)).toList();
    }

    /** Imports one of the test certificates ({@code app} or {@code api}) into ACM; its ARN. */
    static String importCertificate(String name) {
        byte[] crt;
        byte[] key;
        try (var c = ElbTestSupport.class.getResourceAsStream("certs/" + name + ".crt");
                var k = ElbTestSupport.class.getResourceAsStream("certs/" + name + ".key")) {
            crt = c.readAllBytes();
            key = k.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return aws.client(software.amazon.awssdk.services.acm.AcmClient.class).importCertificate(b -> b
                .certificate(software.amazon.awssdk.core.SdkBytes.fromByteArray(crt))
                .privateKey(software.amazon.awssdk.core.SdkBytes.fromByteArray(key))).certificateArn();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    static String subnet(int i) {
        return subnets.get(i).subnetId();
    }

    static LoadBalancer alb(String name) {
        return elb.createLoadBalancer(b -> b.name(name).subnets(subnet(0), subnet(1))).loadBalancers().get(0);
    }

    static LoadBalancer nlb(String name) {
        return elb.createLoadBalancer(b -> b.name(name).type(LoadBalancerTypeEnum.NETWORK).subnets(subnet(0)))
                .loadBalancers().get(0);
    }

    static <E extends AwsServiceException> E fails(Class<E> type, String code, Executable call) {
        return fails(type, code, call, code.equals("NotImplemented") ? 501 : 400);
    }

    static <E extends AwsServiceException> E fails(Class<E> type, String code, Executable call, int status) {
        E e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        return e;
    }
}
