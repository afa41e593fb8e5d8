package io.gureum.vpc;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.CidrIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Not a test: {@code main} builds 10,000 subnets across 10 VPCs and 10,000 security-group rules across
 * 100 groups through the real SDK, then reports DescribeSubnets/DescribeSecurityGroupRules throughput
 * with filters and the cost of the subnet CIDR conflict check as the VPC fills up.
 *
 * <pre>
 * mvn -q -o -pl service-vpc -am test-compile
 * java -cp "$(cat service-vpc/target/cp.txt):service-vpc/target/classes:service-vpc/target/test-classes" \
 *     io.gureum.vpc.VpcBenchmark [vpcs] [subnetsPerVpc] [groups] [rulesPerGroup]
 * </pre>
 * ({@code mvn -q -o -pl service-vpc dependency:build-classpath -Dmdep.outputFile=target/cp.txt} writes cp.txt.)
 */
public final class VpcBenchmark {
    private VpcBenchmark() {
    }

    public static void main(String[] args) {
        int vpcs = arg(args, 0, 10);
        int subnetsPerVpc = arg(args, 1, 1000);
        int groups = arg(args, 2, 100);
        int rulesPerGroup = arg(args, 3, 100);
        indexOnly();
        providersOnly(vpcs, subnetsPerVpc);
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).build());
                Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "123456789012",
                        "ap-northeast-2")) {
            List<String> vpcIds = new ArrayList<>();
            long createNanos = 0;
            long firstHundred = 0;
            long lastHundred = 0;
            for (int v = 0; v < vpcs; v++) {
                int n = v;
                String vpc = ec2.createVpc(b -> b.cidrBlock("10." + n + ".0.0/16")).vpc().vpcId();
                vpcIds.add(vpc);
                Cidr block = Cidr.parse("10." + n + ".0.0/16");
                for (int i = 0; i < subnetsPerVpc; i++) {
                    String cidr = block.subBlock(28, i).toString();
                    String tier = i % 10 == 0 ? "public" : "private";
                    long t0 = System.nanoTime();
                    ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr).tagSpecifications(TagSpecification.builder()
                            .resourceType(ResourceType.SUBNET).tags(Tag.builder().key("tier").value(tier).build()).build()));
                    long dt = System.nanoTime() - t0;
                    createNanos += dt;
                    if (i < 100) {
                        firstHundred += dt;
                    } else if (i >= subnetsPerVpc - 100) {
                        lastHundred += dt;
                    }
                }
            }
            int subnets = vpcs * subnetsPerVpc;
            System.out.printf("created %,d subnets: %.0f CreateSubnet/s; mean latency first 100 per VPC %.2f ms, "
                            + "last 100 per VPC %.2f ms (conflict check does not grow with the VPC)%n",
                    subnets, subnets / (createNanos / 1e9), firstHundred / 1e6 / (100.0 * vpcs),
                    lastHundred / 1e6 / (100.0 * vpcs));
            // Overlap refusals at full size are answered as fast as successes.
            long t0 = System.nanoTime();
            int refusals = 200;
            for (int i = 0; i < refusals; i++) {
                String vpc = vpcIds.get(i % vpcs);
                int n = i % vpcs;
                try {
                    ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10." + n + ".0.0/24"));
                    throw new IllegalStateException("expected InvalidSubnet.Conflict");
                } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
                    if (!"InvalidSubnet.Conflict".equals(e.awsErrorDetails().errorCode())) {
                        throw e;
                    }
                }
            }
            System.out.printf("InvalidSubnet.Conflict at %,d subnets/VPC: %.2f ms per request%n", subnetsPerVpc,
                    (System.nanoTime() - t0) / 1e6 / refusals);

            measure("DescribeSubnets vpc-id + tag:tier=public (100 results)", 300, () ->
                    ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpcIds.get(3)), filter("tag:tier", "public")))
                            .subnets().size());
            measure("DescribeSubnets cidr-block exact (1 result)", 300, () ->
                    ec2.describeSubnets(b -> b.filters(filter("cidr-block", "10.7.1.0/28"))).subnets().size());
            measure("DescribeSubnets vpc-id MaxResults=50 first page", 300, () ->
                    ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpcIds.get(5))).maxResults(50)).subnets().size());

            String vpc = vpcIds.get(0);
            List<String> groupIds = new ArrayList<>();
            long r0 = System.nanoTime();
            for (int g = 0; g < groups; g++) {
                int n = g;
                String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("bench-" + n).description("b")).groupId();
                groupIds.add(sg);
                List<IpPermission> perms = new ArrayList<>();
                for (int i = 0; i < rulesPerGroup; i++) {
                    perms.add(IpPermission.builder().ipProtocol("tcp").fromPort(1000 + i).toPort(1000 + i)
                            .ipRanges(r -> r.cidrIp("10.0.0.0/8")).build());
                }
                ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(perms));
            }
            System.out.printf("created %,d security-group rules in %.1f s%n", groups * rulesPerGroup,
                    (System.nanoTime() - r0) / 1e9);
            measure("DescribeSecurityGroupRules group-id (" + (rulesPerGroup + 1) + " results)", 200, () ->
                    ec2.describeSecurityGroupRules(b -> b.filters(filter("group-id", groupIds.get(42)))
                            .maxResults(1000)).securityGroupRules().size());
            measure("DescribeSecurityGroups group-name (1 result)", 300, () ->
                    ec2.describeSecurityGroups(b -> b.filters(filter("group-name", "bench-17"))).securityGroups().size());
        }
    }

    /**
     * The same subnets through the family providers called directly (no HTTP, no XML, no SDK parsing, no
     * store lock): what the behaviour itself costs, so the HTTP figures can be read against it.
     */
    private static void providersOnly(int vpcs, int subnetsPerVpc) {
        ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
                new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(),
                new Accounts("000000000000"));
        ServiceInstance instance = new VpcService().create(context);
        Vpcs vpcsApi = provider(instance, Vpcs.class);
        Subnets subnetsApi = provider(instance, Subnets.class);
        RequestContext ctx = new RequestContext("bench", "123456789012", "ap-northeast-2", "AKIA", "ec2", null);
        List<String> vpcIds = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int v = 0; v < vpcs; v++) {
            int n = v;
            String vpc = call(ctx, () -> vpcsApi.createVpc(CreateVpcRequest.builder().cidrBlock("10." + n + ".0.0/16").build()).vpc().vpcId());
            vpcIds.add(vpc);
            Cidr block = Cidr.parse("10." + v + ".0.0/16");
            for (int i = 0; i < subnetsPerVpc; i++) {
                String cidr = block.subBlock(28, i).toString();
                String tier = i % 10 == 0 ? "public" : "private";
                call(ctx, () -> subnetsApi.createSubnet(CreateSubnetRequest.builder().vpcId(vpc).cidrBlock(cidr).tagSpecifications(
                        TagSpecification.builder().resourceType(ResourceType.SUBNET)
                                .tags(Tag.builder().key("tier").value(tier).build()).build()).build()));
            }
        }
        System.out.printf("in-process: %,d CreateSubnet/s%n",
                (long) (vpcs * subnetsPerVpc / ((System.nanoTime() - t0) / 1e9)));
        measure("in-process DescribeSubnets vpc-id + tag:tier=public", 2000, () -> call(ctx, () ->
                subnetsApi.describeSubnets(DescribeSubnetsRequest.builder()
                        .filters(filter("vpc-id", vpcIds.get(3)), filter("tag:tier", "public")).build())
                        .subnets().size()));
        measure("in-process DescribeSubnets cidr-block exact (scans 10,000)", 2000, () -> call(ctx, () ->
                subnetsApi.describeSubnets(DescribeSubnetsRequest.builder().filters(filter("cidr-block", "10.7.1.0/28")).build()).subnets().size()));
        measure("in-process DescribeSubnets tag:tier=pub* wildcard (scans 10,000)", 500, () -> call(ctx, () ->
                subnetsApi.describeSubnets(DescribeSubnetsRequest.builder().filters(filter("tag:tier", "pub*")).maxResults(1000).build()).subnets().size()));
    }

    private static <T> T provider(ServiceInstance instance, Class<T> type) {
        return instance.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static <T> T call(RequestContext ctx, java.util.concurrent.Callable<T> body) {
        try {
            return ctx.call(body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CIDR index alone: overlap checks against 100,000 disjoint blocks. */
    private static void indexOnly() {
        CidrIndex<Integer> index = new CidrIndex<>();
        Cidr space = Cidr.parse("10.0.0.0/8");
        for (int i = 0; i < 100_000; i++) {
            index.add(space.subBlock(28, i * 2L), i);
        }
        Random random = new Random(1);
        int n = 1_000_000;
        int hits = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (index.overlapping(space.subBlock(28, random.nextInt(200_000))).isPresent()) {
                hits++;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("CidrIndex with 100,000 blocks: %,.0f overlap checks/s (%d%% hits)%n", n / s, hits * 100 / n);
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private interface Call {
        int run();
    }

    private static void measure(String name, int iterations, Call call) {
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        int results = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            results = call.run();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-60s %8.0f ops/s  (%.2f ms, %d results)%n", name, iterations / s, s * 1000 / iterations,
                results);
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }
}
