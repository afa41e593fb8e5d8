package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first call of an operation a started server has never served, against its second call.
 *
 * <p>Starts {@code io.gureum.core.Main --port 0} in a child JVM, warms the front door with one STS
 * GetCallerIdentity, then calls each operation below three times on one keep-alive connection. The STS
 * operations other than GetCallerIdentity answer 501 NotImplemented and the IAM ones are emulated (a
 * repeated CreateUser answers 409 EntityAlreadyExists); either way the operation is resolved, its
 * request/response classes loaded and the codec run both ways. The first IAM
 * call is also the first call of the IAM service at all (its model is loaded then). Repeated on
 * {@code --servers} fresh servers; medians are reported.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.FirstCall [--servers 3] [--flags "…"]</pre>
 */
public final class FirstCall {
    private FirstCall() {
    }

    /** Operation name → signing name and form body. */
    static Map<String, String[]> operations() {
        Map<String, String[]> ops = new LinkedHashMap<>();
        String sts = "&Version=" + AwsRequests.STS_VERSION;
        String iam = "&Version=" + AwsRequests.IAM_VERSION;
        ops.put("sts:GetSessionToken", new String[] {"sts", "Action=GetSessionToken" + sts});
        ops.put("sts:AssumeRole", new String[] {"sts", "Action=AssumeRole" + sts
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fbench&RoleSessionName=bench&DurationSeconds=900"});
        ops.put("sts:GetAccessKeyInfo", new String[] {"sts", "Action=GetAccessKeyInfo" + sts
                + "&AccessKeyId=AKIAIOSFODNN7EXAMPLE"});
        ops.put("sts:DecodeAuthorizationMessage", new String[] {"sts", "Action=DecodeAuthorizationMessage" + sts
                + "&EncodedMessage=abc"});
        ops.put("iam:ListUsers (1st IAM)", new String[] {"iam", "Action=ListUsers" + iam});
        ops.put("iam:CreateUser", new String[] {"iam", "Action=CreateUser" + iam + "&UserName=bench&Path=%2F"
                + "&Tags.member.1.Key=k&Tags.member.1.Value=v"});
        ops.put("iam:GetUser", new String[] {"iam", "Action=GetUser" + iam + "&UserName=bench"});
        ops.put("iam:ListRoles", new String[] {"iam", "Action=ListRoles" + iam + "&MaxItems=10"});
        ops.put("iam:CreateRole", new String[] {"iam", "Action=CreateRole" + iam
                + "&RoleName=bench&AssumeRolePolicyDocument=%7B%7D"});
        ops.put("iam:PutRolePolicy", new String[] {"iam", "Action=PutRolePolicy" + iam
                + "&RoleName=bench&PolicyName=p&PolicyDocument=%7B%7D"});
        return ops;
    }

    public static void main(String[] args) throws Exception {
        int servers = 3;
        List<String> flags = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--servers" -> servers = Integer.parseInt(args[++i]);
                case "--flags" -> flags = Arrays.asList(args[++i].trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.println("First call: " + Stats.machine() + "; server JVM flags: " + flags);
        Map<String, List<double[]>> times = new LinkedHashMap<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (int s = 1; s <= servers; s++) {
            try (ChildJvm jvm = ChildJvm.gureum(flags)) {
                int port = jvm.awaitPort(60_000);
                try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                    double[] warm = timeCalls(c, AwsRequests.getCallerIdentity(port), 3);
                    times.computeIfAbsent("sts:GetCallerIdentity (warm-up)", k -> new ArrayList<>()).add(warm);
                    statuses.put("sts:GetCallerIdentity (warm-up)", 200);
                    for (Map.Entry<String, String[]> op : operations().entrySet()) {
                        byte[] req = AwsRequests.query(port, op.getValue()[0], op.getValue()[1]);
                        c.keepBody = true;
                        long t0 = System.nanoTime();
                        int status = c.exchange(req);
                        double first = (System.nanoTime() - t0) / 1e6;
                        String body = c.bodyText();
                        c.keepBody = false;
                        double[] rest = timeCalls(c, req, 2);
                        times.computeIfAbsent(op.getKey(), k -> new ArrayList<>())
                                .add(new double[] {first, rest[0], rest[1]});
                        statuses.put(op.getKey(), status);
                        if (s == 1 && status != 501 && status != 200) {
                            System.out.println("  note: " + op.getKey() + " answered " + status + ": " + body);
                        }
                    }
                }
            }
        }
        System.out.println(f("Median over %d fresh servers, ms per call on a warm keep-alive connection. Goal: first call well under 100 ms.", servers));
        System.out.println(f("%-34s %6s %9s %9s %9s %8s", "operation", "status", "1st", "2nd", "3rd", "1st/2nd"));
        for (Map.Entry<String, List<double[]>> e : times.entrySet()) {
            double first = Stats.median(e.getValue().stream().map(a -> a[0]).toList());
            double second = Stats.median(e.getValue().stream().map(a -> a[1]).toList());
            double third = Stats.median(e.getValue().stream().map(a -> a[2]).toList());
            System.out.println(f("%-34s %6d %9.2f %9.2f %9.2f %8.1f", e.getKey(), statuses.get(e.getKey()), first,
                    second, third, first / second));
        }
    }

    private static double[] timeCalls(HttpConnection c, byte[] request, int n) throws Exception {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            c.exchange(request);
            out[i] = (System.nanoTime() - t0) / 1e6;
        }
        return out;
    }
}
