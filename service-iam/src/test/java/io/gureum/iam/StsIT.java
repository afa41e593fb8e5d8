package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class StsIT {
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = server.gureum();
    }

    @Test
    void callerIdentityOfADefaultKeyIsTheDefaultAccountsRoot() {
        try (StsClient sts = AwsClients.client(StsClient.builder(), gureum)) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            assertEquals("000000000000", id.account());
            assertEquals("arn:aws:iam::000000000000:root", id.arn());
            assertEquals("000000000000", id.userId());
        }
    }

    @Test
    void aTwelveDigitAccessKeyIsItsOwnAccount() {
        try (StsClient sts = AwsClients.client(StsClient.builder(), gureum.endpoint(), "111122223333", "eu-west-1")) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            assertEquals("111122223333", id.account());
            assertEquals("arn:aws:iam::111122223333:root", id.arn());
        }
    }

    @Test
    void theChinaPartitionShowsInTheArn() {
        try (StsClient sts = AwsClients.client(StsClient.builder(), gureum.endpoint(), "222233334444", "cn-north-1")) {
            assertEquals("arn:aws-cn:iam::222233334444:root", sts.getCallerIdentity().arn());
        }
    }

    @Test
    void anOperationNotEmulatedAnswersNotImplementedNamingIt() {
        try (StsClient sts = AwsClients.client(StsClient.builder(), gureum)) {
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> sts.getDelegatedAccessToken(b -> b.tradeInToken("token")));
            assertEquals(501, e.statusCode());
            assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("GetDelegatedAccessToken"), e.getMessage());
        }
    }
}
