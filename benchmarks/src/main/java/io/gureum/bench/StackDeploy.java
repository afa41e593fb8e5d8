package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Issue #17's benchmark: a template of 200 resources (100 {@code AWS::SQS::Queue}, 100 {@code AWS::S3::Bucket})
 * deployed with CreateStack until DescribeStacks says {@code CREATE_COMPLETE} (polled every 50 ms), against
 * the same 200 resources created by direct CreateQueue/CreateBucket calls from one SDK thread, on the same
 * server, in interleaved rounds; each round's resources are deleted (untimed) before the next. The first round
 * (cold: the engine and the services' first in-process calls load their classes) is shown but left out of
 * the medians.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.StackDeploy --jar docker/target/gureum.jar
 *     [--resources 200] [--rounds 5]</pre>
 */
public final class StackDeploy {
    private StackDeploy() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String jar = o.getOrDefault("jar", "docker/target/gureum.jar");
        int resources = Integer.parseInt(o.getOrDefault("resources", "200"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        System.out.println("StackDeploy: " + Stats.machine());
        List<Double> stack = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        try (ChildJvm server = ChildJvm.gureumJar(jar, List.of("-Xmx512m"))) {
            URI endpoint = URI.create("http://127.0.0.1:" + server.awaitPort(60_000));
            SdkHttpClient http = ApacheHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build();
            try (CloudFormationClient cfn = client(CloudFormationClient.builder(), endpoint, http);
                    SqsClient sqs = client(SqsClient.builder(), endpoint, http);
                    S3Client s3 = client(S3Client.builder().forcePathStyle(true), endpoint, http)) {
                for (int round = 0; round < rounds; round++) {
                    double s = viaStack(cfn, resources, round);
                    double d = viaCalls(sqs, s3, resources, round);
                    if (round > 0) {
                        stack.add(s);
                        direct.add(d);
                    }
                    System.out.println(f("round %d  stack %.2f s  direct calls %.2f s", round + 1, s, d));
                }
            }
        }
        double s = BaselineComparison.median(stack);
        double d = BaselineComparison.median(direct);
        System.out.println();
        System.out.println("| " + resources + " resources | seconds (median of rounds 2 to " + rounds + ") |");
        System.out.println("|---|---:|");
        System.out.println(f("| CreateStack to CREATE_COMPLETE | %.2f |", s));
        System.out.println(f("| CreateQueue/CreateBucket, one thread | %.2f |", d));
        System.out.println(f("| ratio stack / direct | %.2f |", s / d));
    }

    private static double viaStack(CloudFormationClient cfn, int resources, int round) throws InterruptedException {
        StringBuilder t = new StringBuilder("{\"Resources\":{");
        for (int i = 0; i < resources; i++) {
            t.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "\"Queue" + i + "\":{\"Type\":\"AWS::SQS::Queue\"}"
                    : "\"Bucket" + i + "\":{\"Type\":\"AWS::S3::Bucket\"}");
        }
        String template = t.append("}}").toString();
        String name = "bench-" + round;
        long t0 = System.nanoTime();
        cfn.createStack(b -> b.stackName(name).templateBody(template));
        Stack s;
        do {
            Thread.sleep(50);
            s = cfn.describeStacks(b -> b.stackName(name)).stacks().get(0);
        } while (s.stackStatusAsString().endsWith("_IN_PROGRESS"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!s.stackStatusAsString().equals("CREATE_COMPLETE")) {
            throw new IllegalStateException(name + ": " + s.stackStatusAsString() + " " + s.stackStatusReason());
        }
        long complete = cfn.listStackResourcesPaginator(b -> b.stackName(name)).stackResourceSummaries().stream()
                .filter(r -> r.resourceStatusAsString().equals("CREATE_COMPLETE")).count();
        if (complete != resources) {
            throw new IllegalStateException(name + ": " + complete + " resources CREATE_COMPLETE");
        }
        cfn.deleteStack(b -> b.stackName(name));
        String id = s.stackId();
        do {
            Thread.sleep(50);
            s = cfn.describeStacks(b -> b.stackName(id)).stacks().get(0);
        } while (s.stackStatusAsString().endsWith("_IN_PROGRESS"));
        return seconds;
    }

    private static double viaCalls(SqsClient sqs, S3Client s3, int resources, int round) {
        List<String> queues = new ArrayList<>();
        List<String> buckets = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < resources; i++) {
            String name = "direct-" + round + "-" + i;
            if (i % 2 == 0) {
                queues.add(sqs.createQueue(b -> b.queueName(name)).queueUrl());
            } else {
                s3.createBucket(b -> b.bucket(name));
                buckets.add(name);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        queues.forEach(q -> sqs.deleteQueue(b -> b.queueUrl(q)));
        buckets.forEach(n -> s3.deleteBucket(b -> b.bucket(n)));
        return seconds;
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            URI endpoint, SdkHttpClient http) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build();
    }
}
