package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** One in-process server per test class, real SDK v2 Lambda and SQS clients, and zips built in memory. */
abstract class LambdaTestSupport {
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    static final String PY_ECHO = "import json\n\ndef handler(event, context):\n    return event\n";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static LambdaClient lambda;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        sqs.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A zip of the given files (name → content). */
    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zip(String name, String content) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(name, content);
        return zip(files);
    }

    static CreateFunctionResponse createPython(String name, String code) {
        return lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                .handler("app.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", code)))));
    }

    static CreateFunctionResponse createEcho(String name) {
        return createPython(name, PY_ECHO);
    }

    /** The invocations {@code GET /_gureum/lambda/logs} lists for a function. */
    static JsonNode invocationLogs(String functionName) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gureum.endpoint().resolve(
                    "/_gureum/lambda/logs?FunctionName=" + functionName)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return new ObjectMapper().readTree(r.body()).get("Invocations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 20 s) until a function has logged at least {@code n} invocations. */
    static JsonNode awaitInvocations(String functionName, int n) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            JsonNode logs = invocationLogs(functionName);
            if (logs.size() >= n || System.nanoTime() > deadline) {
                assertTrue(logs.size() >= n, "expected " + n + " invocations of " + functionName + ": " + logs);
                return logs;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String createQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    static String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
    }

    /** Receives one message, long-polling up to 20 s. */
    static Message receiveOne(String url) {
        var messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).maxNumberOfMessages(1)
                .messageAttributeNames("All")).messages();
        assertEquals(1, messages.size(), "no message arrived in " + url);
        return messages.get(0);
    }

    /** Asserts an AWS error: exception type, error code and HTTP status. */
    static <T extends AwsServiceException> T assertAwsError(Class<T> type, String code, int status, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e;
    }
}
