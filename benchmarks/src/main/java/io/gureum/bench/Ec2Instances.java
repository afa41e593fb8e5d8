package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #13's benchmark: {@code RunInstances} of 100 at once, repeated until 10,000 instances exist, then
 * {@code DescribeInstances} of 50 random IDs among them, one request at a time on one connection (latency,
 * not throughput). Each batch is stopped after its launch: stopped instances do not count against EC2's
 * vCPU quota, so 10,000 fit in one account as on AWS.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.Ec2Instances --jar docker/target/gureum.jar
 *     [--instances 10000] [--describes 500]</pre>
 */
public final class Ec2Instances {
    private static final Pattern IMAGE_ID = Pattern.compile("<imageId>(ami-[0-9a-f]+)</imageId>");
    private static final Pattern INSTANCE_ID = Pattern.compile("<instanceId>(i-[0-9a-f]+)</instanceId>");
    private static final String VERSION = "2016-11-15";

    private Ec2Instances() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        String jar = option(a, "--jar", "docker/target/gureum.jar");
        int total = Integer.parseInt(option(a, "--instances", "10000"));
        int describes = Integer.parseInt(option(a, "--describes", "500"));
        System.out.println("Ec2Instances: " + Stats.machine());
        try (ChildJvm server = ChildJvm.gureumJar(jar, List.of("-Xmx1g"))) {
            int port = server.awaitPort(60_000);
            run(port, total, describes);
        }
    }

    private static void run(int port, int total, int describes) throws Exception {
        try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
            c.keepBody = true;
            String ami = first(IMAGE_ID, call(c, port, "Action=DescribeImages&Version=" + VERSION
                    + "&Owner.1=amazon&Filter.1.Name=name&Filter.1.Value.1=al2023-ami-2023.*-kernel-6.1-x86_64"));
            List<String> ids = new ArrayList<>();
            List<Long> runMicros = new ArrayList<>();
            String[] zones = {"a", "b", "c", "d", "e", "f"};
            for (int batch = 0; ids.size() < total; batch++) {
                long start = System.nanoTime();
                String body = call(c, port, "Action=RunInstances&Version=" + VERSION + "&ImageId=" + ami
                        + "&InstanceType=t3.nano&MinCount=100&MaxCount=100&Placement.AvailabilityZone=us-east-1"
                        + zones[batch % zones.length]);
                runMicros.add((System.nanoTime() - start) / 1000);
                List<String> launched = all(INSTANCE_ID, body);
                StringBuilder stop = new StringBuilder("Action=StopInstances&Version=" + VERSION);
                for (int i = 0; i < launched.size(); i++) {
                    stop.append("&InstanceId.").append(i + 1).append('=').append(launched.get(i));
                }
                call(c, port, stop.toString());
                ids.addAll(launched);
            }
            Random random = new Random(13);
            List<Long> describeMicros = new ArrayList<>();
            for (int n = 0; n < describes; n++) {
                List<String> pick = new ArrayList<>(ids);
                Collections.shuffle(pick, random);
                StringBuilder q = new StringBuilder("Action=DescribeInstances&Version=" + VERSION);
                for (int i = 0; i < 50; i++) {
                    q.append("&InstanceId.").append(i + 1).append('=').append(pick.get(i));
                }
                long start = System.nanoTime();
                String body = call(c, port, q.toString());
                describeMicros.add((System.nanoTime() - start) / 1000);
                if (all(INSTANCE_ID, body).size() != 50) {
                    throw new IllegalStateException("DescribeInstances did not answer the 50 instances asked for");
                }
            }
            System.out.println();
            System.out.println("| operation (" + ids.size() + " instances) | p50 ms | p99 ms | n |");
            System.out.println("|---|---:|---:|---:|");
            print("RunInstances of 100", runMicros);
            print("DescribeInstances of 50 IDs", describeMicros);
        }
    }

    private static void print(String what, List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println(f("| %s | %.1f | %.1f | %d |", what, Stats.percentile(sorted, 50) / 1000.0,
                Stats.percentile(sorted, 99) / 1000.0, sorted.length));
    }

    private static String call(HttpConnection c, int port, String form) throws Exception {
        int status = c.exchange(AwsRequests.query(port, "ec2", form));
        if (status != 200) {
            throw new IllegalStateException(form.substring(0, Math.min(60, form.length())) + " answered " + status + ": "
                    + c.bodyText());
        }
        return c.bodyText();
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("nothing matches " + p + " in " + text);
        }
        return m.group(1);
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }
}
