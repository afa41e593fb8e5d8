package io.gureum.iam.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.spi.AwsService;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A server of IAM, STS and {@link FakeQueues}; clients of the real SDK for any account or IAM user's key. */
abstract class AuthorizationTestSupport {
    static final String A = "111111111111";
    static final String B = "222222222222";
    private static final AtomicInteger N = new AtomicInteger();
    private static final List<SdkClient> CLIENTS = new ArrayList<>();

    static Gureum start(boolean enforce) {
        List<AwsService> services = List.of(new IamService(), new StsService(), new FakeQueues());
        return Gureum.start(GureumConfig.builder().port(0).enforceIam(enforce).build(), services);
    }

    static void closeClients() {
        CLIENTS.forEach(SdkClient::close);
        CLIENTS.clear();
    }

    static String unique(String prefix) {
        return prefix + "-" + N.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    static IamClient iam(Gureum gureum, String key) {
        IamClient c = AwsClients.client(IamClient.builder(), gureum.endpoint(), key, "us-east-1");
        CLIENTS.add(c);
        return c;
    }

    static SqsClient sqs(Gureum gureum, String key, String region) {
        SqsClient c = AwsClients.client(SqsClient.builder(), gureum.endpoint(), key, region);
        CLIENTS.add(c);
        return c;
    }

    /** A user of account A with these inline policies (name → document); answers its access key ID. */
    static String user(Gureum gureum, String name, String... policies) {
        IamClient root = iam(gureum, A);
        root.createUser(b -> b.userName(name));
        for (int i = 0; i < policies.length; i++) {
            int n = i;
            root.putUserPolicy(b -> b.userName(name).policyName("p" + n).policyDocument(policies[n]));
        }
        return root.createAccessKey(b -> b.userName(name)).accessKey().accessKeyId();
    }

    static String doc(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    static String allow(String action) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}";
    }

    static String deny(String action) {
        return "{\"Effect\":\"Deny\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}";
    }

    /** Asserts the call is denied with this code, status and message; answers the exception. */
    static AwsServiceException denied(String code, int status, String message, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }

    static String decisionHeader(AwsServiceException e) {
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(Denials.DECISION_HEADER).orElse(null);
    }
}
