package io.gureum.bench;

import java.nio.charset.StandardCharsets;

/** Pre-built, signed-looking query-protocol requests (signature verification is off by default). */
final class AwsRequests {
    static final String STS_VERSION = "2011-06-15";
    static final String IAM_VERSION = "2010-05-08";

    private AwsRequests() {
    }

    static byte[] getCallerIdentity(int port) {
        return query(port, "sts", "Action=GetCallerIdentity&Version=" + STS_VERSION);
    }

    /** A keep-alive HTTP/1.1 POST of a form body, signed (in name) for {@code signingName}. */
    static byte[] query(int port, String signingName, String body) {
        return post(port, signingName, "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n", body);
    }

    /** A keep-alive HTTP/1.1 POST of an awsJson 1.0 body with its {@code X-Amz-Target}, signed (in name) for {@code signingName}. */
    static byte[] json(int port, String signingName, String target, String body) {
        return post(port, signingName, "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: " + target + "\r\n",
                body);
    }

    /** The same for an awsJson 1.1 API (SSM, Secrets Manager, KMS). */
    static byte[] json11(int port, String signingName, String target, String body) {
        return post(port, signingName, "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: " + target + "\r\n",
                body);
    }

    static final String BENCH_PARAMETER = "/bench/db-password";
    static final String BENCH_SECRET = "bench-secret";

    static byte[] putParameter(int port) {
        return json11(port, "ssm", "AmazonSSM.PutParameter", "{\"Name\":\"" + BENCH_PARAMETER
                + "\",\"Type\":\"SecureString\",\"Value\":\"hunter2\",\"Overwrite\":true}");
    }

    static byte[] getParameter(int port) {
        return json11(port, "ssm", "AmazonSSM.GetParameter", "{\"Name\":\"" + BENCH_PARAMETER
                + "\",\"WithDecryption\":true}");
    }

    static byte[] createSecret(int port) {
        return json11(port, "secretsmanager", "secretsmanager.CreateSecret", "{\"Name\":\"" + BENCH_SECRET
                + "\",\"SecretString\":\"hunter2\",\"ClientRequestToken\":\"" + java.util.UUID.randomUUID() + "\"}");
    }

    static byte[] getSecretValue(int port) {
        return json11(port, "secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"" + BENCH_SECRET + "\"}");
    }

    /** The request bytes: {@code headers} (each ending in CRLF) between the Host and the signing headers. */
    private static byte[] post(int port, String signingName, String headers, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + headers
                + "X-Amz-Date: 20260101T000000Z\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + signingName
                + "/aws4_request, SignedHeaders=host, Signature=00\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    static final String BENCH_QUEUE = "bench-queue";
    static final String BENCH_TABLE = "bench-table";

    static byte[] createQueue(int port, String queue) {
        return json(port, "sqs", "AmazonSQS.CreateQueue", "{\"QueueName\":\"" + queue + "\"}");
    }

    static byte[] deleteQueue(int port, String queue) {
        return json(port, "sqs", "AmazonSQS.DeleteQueue", "{\"QueueUrl\":\"http://127.0.0.1:" + port
                + "/000000000000/" + queue + "\"}");
    }

    static byte[] sendMessage(int port, String queue) {
        return json(port, "sqs", "AmazonSQS.SendMessage", "{\"QueueUrl\":\"http://127.0.0.1:" + port
                + "/000000000000/" + queue + "\",\"MessageBody\":\"hello from the load generator\"}");
    }

    static byte[] createTable(int port) {
        return json(port, "dynamodb", "DynamoDB_20120810.CreateTable", "{\"TableName\":\"" + BENCH_TABLE + "\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}");
    }

    static byte[] putItem(int port) {
        return json(port, "dynamodb", "DynamoDB_20120810.PutItem", "{\"TableName\":\"" + BENCH_TABLE + "\","
                + "\"Item\":{\"pk\":{\"S\":\"k1\"},\"v\":{\"S\":\"value\"}}}");
    }

    static final String BENCH_BUCKET = "bench-bucket";

    static byte[] createBucket(int port) {
        return rest(port, "PUT", "/" + BENCH_BUCKET, new byte[0]);
    }

    /** PutObject of 1 KiB, the same key each time (each write replaces the last object and its file). */
    static byte[] putObject1k(int port) {
        byte[] body = new byte[1024];
        java.util.Arrays.fill(body, (byte) 'x');
        return rest(port, "PUT", "/" + BENCH_BUCKET + "/object-1k", body);
    }

    static byte[] rest(int port, String method, String path, byte[] b) {
        String head = method + " " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "X-Amz-Date: 20260101T000000Z\r\n"
                + "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3"
                + "/aws4_request, SignedHeaders=host, Signature=00\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    static byte[] getItem(int port) {
        return json(port, "dynamodb", "DynamoDB_20120810.GetItem", "{\"TableName\":\"" + BENCH_TABLE + "\","
                + "\"Key\":{\"pk\":{\"S\":\"k1\"}}}");
    }

    static final String CLOUDWATCH_VERSION = "2010-08-01";
    static final String BENCH_NAMESPACE = "Bench";

    /** {@code PutMetricData} of one metric with 20 values, as the AWS CLI sends it (query protocol). */
    static byte[] putMetricData20(int port) {
        StringBuilder b = new StringBuilder("Action=PutMetricData&Version=" + CLOUDWATCH_VERSION + "&Namespace="
                + BENCH_NAMESPACE + "&MetricData.member.1.MetricName=Latency&MetricData.member.1.Unit=Milliseconds"
                + "&MetricData.member.1.Dimensions.member.1.Name=Api&MetricData.member.1.Dimensions.member.1.Value=orders");
        for (int i = 1; i <= 20; i++) {
            b.append("&MetricData.member.1.Values.member.").append(i).append('=').append(10 + i);
        }
        return query(port, "monitoring", b.toString());
    }

    /**
     * {@code PutMetricData} of {@code count} high-resolution (1 s) points of {@code Bench PerSecond}, one a
     * second from {@code first}: the seed of the one-day read.
     */
    static byte[] putSecondsOfData(int port, java.time.Instant first, int count) {
        StringBuilder b = new StringBuilder("Action=PutMetricData&Version=" + CLOUDWATCH_VERSION + "&Namespace="
                + BENCH_NAMESPACE);
        for (int i = 1; i <= count; i++) {
            String m = "&MetricData.member." + i + ".";
            b.append(m).append("MetricName=PerSecond").append(m).append("StorageResolution=1").append(m)
                    .append("Value=").append(i % 100).append(m).append("Timestamp=").append(first.plusSeconds(i - 1));
        }
        return query(port, "monitoring", b.toString());
    }

    /** {@code GetMetricData} of the last day of {@code Bench PerSecond} at one-minute periods (1,440 points). */
    static byte[] getMetricDataDay(int port, java.time.Instant end) {
        java.time.Instant e = end.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return query(port, "monitoring", "Action=GetMetricData&Version=" + CLOUDWATCH_VERSION
                + "&MetricDataQueries.member.1.Id=m1&MetricDataQueries.member.1.MetricStat.Metric.Namespace="
                + BENCH_NAMESPACE + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=PerSecond"
                + "&MetricDataQueries.member.1.MetricStat.Period=60&MetricDataQueries.member.1.MetricStat.Stat=Average"
                + "&StartTime=" + e.minus(java.time.Duration.ofDays(1)) + "&EndTime=" + e);
    }

    /**
     * The request a workload name stands for: {@code sts} GetCallerIdentity, {@code sqs-send[:queue]},
     * {@code ddb-get}, {@code ssm-get} (a SecureString, decrypted), {@code secret-get}, {@code cw-put}
     * (PutMetricData of 20 values), {@code cw-get-day} (GetMetricData over a day of 1-second data).
     */
    static byte[] workload(String name, int port) {
        if (name.startsWith("sqs-send:")) {
            return sendMessage(port, name.substring("sqs-send:".length()));
        }
        return switch (name) {
            case "sts" -> getCallerIdentity(port);
            case "sqs-send" -> sendMessage(port, BENCH_QUEUE);
            case "ddb-get" -> getItem(port);
            case "ddb-put" -> putItem(port);
            case "s3-put-1k" -> putObject1k(port);
            case "ssm-get" -> getParameter(port);
            case "secret-get" -> getSecretValue(port);
            case "cw-put" -> putMetricData20(port);
            case "cw-get-day" -> getMetricDataDay(port, java.time.Instant.now());
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }
}
