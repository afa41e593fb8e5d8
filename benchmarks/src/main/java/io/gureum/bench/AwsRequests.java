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

    static byte[] getItem(int port) {
        return json(port, "dynamodb", "DynamoDB_20120810.GetItem", "{\"TableName\":\"" + BENCH_TABLE + "\","
                + "\"Key\":{\"pk\":{\"S\":\"k1\"}}}");
    }

    /**
     * The request a workload name stands for: {@code sts} GetCallerIdentity, {@code sqs-send[:queue]},
     * {@code ddb-get}, {@code ssm-get} (a SecureString, decrypted), {@code secret-get}.
     */
    static byte[] workload(String name, int port) {
        if (name.startsWith("sqs-send:")) {
            return sendMessage(port, name.substring("sqs-send:".length()));
        }
        return switch (name) {
            case "sts" -> getCallerIdentity(port);
            case "sqs-send" -> sendMessage(port, BENCH_QUEUE);
            case "ddb-get" -> getItem(port);
            case "ssm-get" -> getParameter(port);
            case "secret-get" -> getSecretValue(port);
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }
}
