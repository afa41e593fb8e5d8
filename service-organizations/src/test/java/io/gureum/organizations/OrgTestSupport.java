package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;

/**
 * One in-process server per test class serving Organizations, IAM and STS. Each test makes its own
 * management account (a fresh 12-digit access key is that account), so tests share no organization.
 */
abstract class OrgTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new OrganizationsService(), new IamService(), new StsService()).build();

    static String newAccountId() {
        return "9" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    /** A real SDK client signed with {@code accountId} as its access key: it acts in that account. */
    static OrganizationsClient org(String accountId) {
        return AwsClients.client(OrganizationsClient.builder(), aws.endpoint(), accountId, "us-east-1");
    }

    static <C> C client(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, C> builder,
            String accountId) {
        return build(builder, accountId);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <C> C build(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder builder, String id) {
        return (C) AwsClients.client(builder, aws.endpoint(), id, "us-east-1");
    }

    /** A new organization whose management account is returned. */
    static String newOrganization() {
        String mgmt = newAccountId();
        org(mgmt).createOrganization(b -> b.featureSet("ALL"));
        return mgmt;
    }

    /** Lets CreateAccount finish on the core clock; the next Organizations call settles it. */
    static void letAccountCreationFinish() {
        aws.context().clock().advance(Accounts.CREATION_TIME.plus(Duration.ofSeconds(1)));
    }

    /** Creates an account and waits for it on the core clock; returns its ID. */
    static String createAccount(OrganizationsClient mgmt, String name) {
        CreateAccountStatus s = mgmt.createAccount(b -> b.accountName(name).email(name + "@example.com"))
                .createAccountStatus();
        letAccountCreationFinish();
        return mgmt.describeCreateAccountStatus(b -> b.createAccountRequestId(s.id())).createAccountStatus()
                .accountId();
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()).substring(0, 8);
    }

    /** Asserts the call fails with {@code type}, AWS's code and HTTP 400. */
    static <T extends AwsServiceException> T assertError(Class<T> type, String code, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode(), e.getMessage());
        return e;
    }
}
